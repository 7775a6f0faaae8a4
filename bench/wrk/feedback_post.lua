-- A complete feedback submission through the real three-step form, as a young person's phone makes
-- it: GET step 1, then POST each step with its signed `state` (the answers so far and a one-time
-- submission id, in a hidden field) until the 303 to the thank-you page. The form sets no cookie
-- and needs no CSRF token; the signed state stands in for one.
-- Usage: wrk ... -s bench/wrk/feedback_post.lua URL -- <form path> <post path> <answers, url-encoded>
-- The answers hold every step's questions (a step reads only its own). Step pages answered on any
-- connection are queued; the next free connection posts one, otherwise it starts a new form.
-- posts_ok counts completed submissions; steps the intermediate step pages; a page that shows
-- "There is a problem" is a failure.
dofile("bench/wrk/common.lua")

local form_path, post_path, answers
local queue = {}
gets, steps, posts_ok, posts_failed, other = 0, 0, 0, 0, 0

function init(args)
  form_path, post_path, answers = args[1], args[2], args[3]
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function unescape(s)
  return (s:gsub("&#34;", '"'):gsub("&#39;", "'"):gsub("&quot;", '"'):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&"))
end

local function hidden_fields(body)
  local fields = {}
  for tag in body:gmatch("<input[^>]*>") do
    if tag:find('type="hidden"', 1, true) then
      local name = tag:match('name="([^"]*)"')
      local value = tag:match('value="([^"]*)"') or ""
      if name then table.insert(fields, urlencode(name) .. "=" .. urlencode(unescape(value))) end
    end
  end
  return table.concat(fields, "&")
end

function request()
  local item = table.remove(queue, 1)
  if item then
    local body = item.hidden
    if answers ~= "" then body = body .. "&" .. answers end
    return wrk.format("POST", post_path, FORM_POST, body)
  end
  return wrk.format("GET", form_path)
end

function response(status, headers, body)
  if count_submission(status, body) then return end
  if status == 200 and body:find('name="state"', 1, true) then
    if body:find('name="back"', 1, true) then steps = steps + 1 else gets = gets + 1 end
    table.insert(queue, {hidden = hidden_fields(body)})
    if #queue > 256 then table.remove(queue, 1) end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  report_counts(summary, latency, {"gets", "steps", "posts_ok", "posts_failed", "other"})
end
