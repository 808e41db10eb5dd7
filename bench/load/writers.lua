-- One connection per thread (-t N -c N): each thread renames its own unit again and again through the real form
-- (antiforgery token, concurrency check on the name shown). Each successful save answers 302.
-- UNITS: space-separated unit ids, one per thread. Output: per thread, its unit, saves and the last name saved.
local threads = {}
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

-- Globals, so done() can read them per thread with thread:get.
init = function(args)
  local ids = {}
  for id in string.gmatch(os.getenv("UNITS"), "%S+") do ids[#ids + 1] = id end
  unit = ids[index]
  current = os.getenv("NAME_" .. unit)
  saves, failures = 0, 0
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  pending = "Đơn vị tải " .. unit .. " lần " .. (saves + 1)
  local body = "Input.Name=" .. urlencode(pending) .. "&Input.CurrentName=" .. urlencode(current) ..
      "&__RequestVerificationToken=" .. os.getenv("TOKEN")
  return wrk.format("POST", "/Admin/Units/Edit/" .. unit, {
    ["Cookie"] = os.getenv("COOKIE"), ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

response = function(status, headers, body)
  if status == 302 then
    saves = saves + 1
    current = pending
  else
    failures = failures + 1
  end

end

done = function(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("WRITER unit=%s saves=%s failures=%s last=%s\n",
      t:get("unit"), t:get("saves"), t:get("failures"), t:get("current")))
  end
end
