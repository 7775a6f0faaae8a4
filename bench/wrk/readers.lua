-- Newsletter day: readers on `/` and the articles, each connection taking the next page in turn.
-- Usage: wrk ... -s bench/wrk/readers.lua URL -- / /news/<slug> /news/<slug> ...
dofile("bench/wrk/common.lua")

local paths, n = {}, 0

function init(args)
  for _, path in ipairs(args) do table.insert(paths, path) end
  if #paths == 0 then paths = {"/"} end
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n - 1) % #paths + 1])
end

function done(summary, latency, requests)
  report(summary, latency)
end
