-- A complete feedback submission through the real form, as a young person's phone makes it, with
-- no pauses: GET the form, POST each page with its signed `state` (the answers so far and a one-time
-- submission id, in a hidden field), GET the next page's address that the POST redirects to, and so
-- on through "Check your answers" until the redirect to the thank-you page. The form sets no cookie
-- and needs no CSRF token; the signed state stands in for one.
-- Usage: wrk ... -s bench/wrk/feedback_post.lua URL -- <form path> <post path> <answers, url-encoded>
-- The answers hold every page's questions (a page reads only its own). Follow-ups (a page to GET,
-- a page to POST) found on any connection are queued; the next free connection takes one, otherwise
-- it starts a new form. posts_ok counts completed submissions, gets the first pages, steps every
-- later page shown; a page that shows "There is a problem" is a failure.
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
  if item and item.get then
    return wrk.format("GET", item.get)
  elseif item then
    local body = item.hidden .. "&next=next"
    if answers ~= "" then body = body .. "&" .. answers end
    return wrk.format("POST", post_path, FORM_POST, body)
  end
  return wrk.format("GET", form_path)
end

local function push(item)
  table.insert(queue, item)
  if #queue > 256 then table.remove(queue, 1) end
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status == 303 and location then
    if location:find("/thanks", 1, true) then
      posts_ok = posts_ok + 1
    else
      push({get = location:gsub("^https?://[^/]+", "")})
    end
  elseif status == 200 and body:find('name="state"', 1, true) then
    if body:find('name="back"', 1, true) then steps = steps + 1 else gets = gets + 1 end
    push({hidden = hidden_fields(body)})
  elseif status == 200 and body:find("There is a problem", 1, true) then
    posts_failed = posts_failed + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  report_counts(summary, latency, {"gets", "steps", "posts_ok", "posts_failed", "other"})
end
