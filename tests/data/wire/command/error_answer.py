import json
import sys

sys.stdin.read()
json.dump({"error": "quota exhausted for this hour"}, sys.stdout)
