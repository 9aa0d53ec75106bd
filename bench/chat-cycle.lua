-- wrk script: POSTs /api/chat with the bodies of a file (one JSON body a line), in turn.
-- Usage: wrk -s bench/chat-cycle.lua URL -- FILE (bench/outcomes-load.sh writes one)
local bodies = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, bodies[i])
end
