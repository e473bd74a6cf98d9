# Exits without reading stdin: writing a large request to it must not kill the caller
# with SIGPIPE.
echo '{"output": "did not read"}'
