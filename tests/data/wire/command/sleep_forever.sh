# Ignores its input and never answers; starts a helper in its process group too, so a
# kill that misses the group would leave the helper holding the output pipe open.
sleep 300 &
sleep 300
