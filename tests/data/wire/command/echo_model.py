# Answers with the last user message reversed-free: echoes it back, with the request's
# seed and sample, so tests can see exactly what arrived on stdin.
import json
import sys

request = json.load(sys.stdin)
last = request["messages"][-1]["content"]
json.dump({
    "output": "echo: " + last,
    "reasoning": "seed=%d sample=%d model=%s" % (request["seed"], request["sample"], request["model"]),
    "input_tokens": len(request["messages"]),
    "output_tokens": 3,
    "finish_reason": "stop",
}, sys.stdout, ensure_ascii=False)
