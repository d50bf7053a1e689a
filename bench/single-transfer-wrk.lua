-- wrk script: one transfer per POST /v1/transfers, unique ids per wrk thread.
-- Used by single-transfer-wrk.sh, which passes the admin key and account ids in the environment.
local threads = {}
local key, a1, a2, b1, b2

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  key = os.getenv("ATTA_KEY")
  a1, a2, b1, b2 = os.getenv("ATTA_A1"), os.getenv("ATTA_A2"), os.getenv("ATTA_B1"), os.getenv("ATTA_B2")
  counter = tonumber(os.getenv("ATTA_ID_BASE") or "0") + tid * 1000000000
end

request = function()
  counter = counter + 1
  local d, c = a1, a2
  if counter % 2 == 0 then d, c = b1, b2 end
  local body = '{"transfers":[{"id":"' .. counter .. '","debit_account_id":"' .. d ..
      '","credit_account_id":"' .. c .. '","amount":"1.00","currency":"CNY"}]}'
  return wrk.format("POST", "/v1/transfers",
      {["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"result":"ok"', 1, true) then
    wrk.thread:stop()
    io.stderr:write("unexpected reply " .. status .. ": " .. body .. "\n")
  end
end
