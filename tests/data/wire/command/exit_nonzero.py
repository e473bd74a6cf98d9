import sys

sys.stdin.read()
sys.stderr.write("Traceback: something broke\nValueError: bad prompt\n")
sys.exit(3)
