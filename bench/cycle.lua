-- wrk script: POSTs the bodies of a file (one JSON body a line), in turn, to a path (default /api/match).
-- Usage: wrk -s bench/cycle.lua URL -- FILE [PATH]
local bodies = {}
local path = "/api/match"
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  if args[2] then
    path = args[2]
  end
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, bodies[i])
end
