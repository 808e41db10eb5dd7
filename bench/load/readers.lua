-- 50 connections reading pages in turn. PATHS is a space-separated list; COOKIE the signed-in cookies.
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "/", "%S+") do paths[#paths + 1] = p end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = os.getenv("COOKIE") })
end
local bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end
