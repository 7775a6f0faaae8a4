-- Shared by every wrk run of `make bench`: print one JSON line of figures when the run ends.
-- Latency percentiles are in microseconds from wrk; the driver turns them into milliseconds.

threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function report(summary, latency, extra)
  local e = summary.errors
  local parts = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"bytes": %d', summary.bytes),
    string.format('"p50_us": %d', latency:percentile(50)),
    string.format('"p90_us": %d', latency:percentile(90)),
    string.format('"p99_us": %d', latency:percentile(99)),
    string.format('"max_us": %d', latency.max),
    string.format('"err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d',
      e.connect, e.read, e.write, e.status, e.timeout),
  }
  for k, v in pairs(extra or {}) do
    table.insert(parts, string.format('"%s": %d', k, v))
  end
  io.write("WRK_JSON {" .. table.concat(parts, ", ") .. "}\n")
end
