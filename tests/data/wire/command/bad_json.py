import sys

sys.stdin.read()
sys.stdout.write("this is not json {")
sys.stderr.write("warning: model weights not found\nfalling back\n")
