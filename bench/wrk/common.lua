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

-- The feedback scripts: posting a form, and counting what the answers say.
FORM_POST = {["Content-Type"] = "application/x-www-form-urlencoded"}

-- A stored submission (the 303 to the thank-you page) or a refused one (the error summary);
-- returns false for any other answer, which the calling script sorts itself.
function count_submission(status, body)
  if status == 303 or status == 302 then
    posts_ok = posts_ok + 1
  elseif status == 200 and body:find("There is a problem", 1, true) then
    posts_failed = posts_failed + 1
  else
    return false
  end
  return true
end

-- Sum the named counters over wrk's threads (each thread keeps its own) and report them.
function report_counts(summary, latency, names)
  local totals = {}
  for _, name in ipairs(names) do
    totals[name] = 0
    for _, thread in ipairs(threads) do totals[name] = totals[name] + (thread:get(name) or 0) end
  end
  report(summary, latency, totals)
end
