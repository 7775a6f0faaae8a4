-- The feedback form's last step alone: the one POST that stores a response, as issue #11 counts
-- "a one-row insert per POST". Each body is a real step-3 page's signed state (earlier answers
-- included) with its own one-time submission id, minted by bench/run.py before each run, plus the
-- step's answers. A 303 to the thank-you page is a stored submission.
-- Usage: wrk ... -s bench/wrk/feedback_final.lua URL -- <post path> <bodies file> <threads>
dofile("bench/wrk/common.lua")

local numbered = 0
function setup(thread)
  numbered = numbered + 1
  thread:set("id", numbered)
  table.insert(threads, thread)
end

local post_path
local bodies, used = {}, 0
posts_ok, posts_failed, other, reused = 0, 0, 0, 0

function init(args)
  post_path = args[1]
  local share, n = tonumber(args[3]), 0
  for line in io.lines(args[2]) do  -- each thread takes its own share, so no id is sent twice
    if n % share == id - 1 then table.insert(bodies, line) end
    n = n + 1
  end
end

function request()
  used = used + 1
  if used > #bodies then reused = reused + 1 end  -- pool spent: an id repeats and nothing is stored
  local body = bodies[(used - 1) % #bodies + 1]
  return wrk.format("POST", post_path, FORM_POST, body)
end

function response(status, headers, body)
  if not count_submission(status, body) then other = other + 1 end
end

function done(summary, latency, requests)
  report_counts(summary, latency, {"posts_ok", "posts_failed", "other", "reused"})
end
