-- A plain GET load (headers such as a Cookie come from wrk's -H).
dofile("bench/wrk/common.lua")

function done(summary, latency, requests)
  report(summary, latency)
end
