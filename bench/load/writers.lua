-- Writers: one connection per thread (-t N -c N). The first #SCORES threads each own one sub-criterion of YEAR and
-- save its self-assessment again and again through the real score form; the next #TASKS threads each own one task
-- of YEAR's plan and post progress updates through the real task form. Those own their record, so none of their saves
-- should meet a concurrency conflict. Then come the colliding pairs: two threads for each sub-criterion of
-- PAIR_SCORES, then two for each task of PAIR_TASKS, saving the same record at once (issue 12: a form open in two
-- tabs). Their conflicts are expected: a collision must end in one save (302) and a conflict answer (200 with
-- "vừa được người khác"), never a hang or an error.
-- Every save is two requests: GET the form (to read the record's current Version, as a browser would), then POST.
-- A successful save answers 302. Env: SCORES, TASKS, PAIR_SCORES, PAIR_TASKS (space-separated ids), YEAR, COOKIE,
-- TOKEN (antiforgery token of the COOKIE's user). Output: one WRITER line per thread with its record, whether it is one
-- of a pair, its saves, conflicts, failures and last value.
local threads = {}
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

local function ids(name)
  local list = {}
  for id in string.gmatch(os.getenv(name) or "", "%S+") do list[#list + 1] = id end
  return list
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Globals, so done() can read them per thread with thread:get.
init = function(args)
  local scores, tasks = ids("SCORES"), ids("TASKS")
  local pair_scores, pair_tasks = ids("PAIR_SCORES"), ids("PAIR_TASKS")
  local year = os.getenv("YEAR") or "2023"
  local i = index
  pair, tag = 0, ""
  if i <= #scores then
    kind, target = "score", scores[i]
  elseif i <= #scores + #tasks then
    kind, target = "task", tasks[i - #scores]
  elseif i <= #scores + #tasks + 2 * #pair_scores then
    local k = i - #scores - #tasks - 1
    kind, target, pair = "score", pair_scores[math.floor(k / 2) + 1], 1
    tag = "cặp " .. (k % 2 + 1) .. " "
  else
    local k = i - #scores - #tasks - 2 * #pair_scores - 1
    kind, target, pair = "task", pair_tasks[math.floor(k / 2) + 1], 1
    tag = "cặp " .. (k % 2 + 1) .. " "
  end
  if kind == "score" then
    url = "/Assessments/" .. year .. "/Score/" .. target
    post_url = url
    version_pattern = 'name="Input%.Version" value="([^"]*)"'
  else
    url = "/Plans/" .. year .. "/Tasks/" .. target
    post_url = url .. "?handler=Progress"
    version_pattern = 'name="ProgressInput%.Version" value="([^"]*)"'
  end
  saves, failures, conflicts = 0, 0, 0
  last, pending, version, phase = "", "", nil, "get"
end

local function body_for(n)
  if kind == "score" then
    pending = "Tự chấm tải " .. target .. " " .. tag .. "lần " .. n
    return "Input.Round=Self&Input.Score=0&Input.Note=" .. urlencode(pending) ..
        "&Input.LostReason=" .. urlencode("Lý do " .. pending) .. "&Input.Version=" .. version ..
        "&__RequestVerificationToken=" .. os.getenv("TOKEN")
  end
  pending = "Tiến độ tải " .. target .. " " .. tag .. "lần " .. n
  return "ProgressInput.Note=" .. urlencode(pending) .. "&ProgressInput.Percent=" .. (n % 100) ..
      "&ProgressInput.Version=" .. version .. "&__RequestVerificationToken=" .. os.getenv("TOKEN")
end

request = function()
  if version == nil then
    phase = "get"
    return wrk.format("GET", url, { ["Cookie"] = os.getenv("COOKIE") })
  end
  phase = "post"
  return wrk.format("POST", post_url, {
    ["Cookie"] = os.getenv("COOKIE"), ["Content-Type"] = "application/x-www-form-urlencoded" }, body_for(saves + 1))
end

response = function(status, headers, body)
  if phase == "get" then
    if status == 200 then version = string.match(body, version_pattern) end
    if version == nil then failures = failures + 1 end
    return
  end
  version = nil
  if status == 302 then
    saves = saves + 1
    last = pending
  elseif status == 200 and string.find(body, "vừa được người khác", 1, true) then
    conflicts = conflicts + 1
  else
    failures = failures + 1
  end
end

done = function(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("WRITER kind=%s target=%s pair=%s saves=%s conflicts=%s failures=%s last=%s\n",
      t:get("kind"), t:get("target"), t:get("pair"), t:get("saves"), t:get("conflicts"), t:get("failures"), t:get("last")))
  end
end
