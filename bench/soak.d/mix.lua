-- A mix of what the widget and the API see: matches of real error texts, chat conversations (a
-- start, then a choice from the answer's state), the KB list and an entry, and the widget script.
local texts = {
  "502 Bad Gateway\nnginx/1.24.0",
  "connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream",
  "Proxy Error The proxy server received an invalid response from an upstream server.",
  "504 Gateway Time-out",
  "my wordpress site shows 502 after I installed a plugin",
}
local n = 0
local state, option = {}, {}

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n') .. '"'
end

request = function()
  n = n + 1
  local k = n % 10
  local text = texts[(n % #texts) + 1]
  local headers = { ["Content-Type"] = "application/json" }
  if k < 4 then
    return wrk.format("POST", "/api/match", headers, '{"text": ' .. json_string(text) .. '}')
  elseif k < 7 then
    if state.token and option.id and k == 6 then
      local body = '{"state": "' .. state.token .. '", "choice": "' .. option.id .. '"}'
      state.token, option.id = nil, nil
      return wrk.format("POST", "/api/chat", headers, body)
    end
    return wrk.format("POST", "/api/chat", headers, '{"message": ' .. json_string(text) .. '}')
  elseif k == 7 then
    return wrk.format("GET", "/api/kb")
  elseif k == 8 then
    return wrk.format("GET", "/api/kb/502-nginx")
  end
  return wrk.format("GET", "/widget.js")
end

response = function(status, headers, body)
  local token = body:match('"state":"([^"]+)"')
  if token then
    state.token = token
    option.id = body:match('"options":%[{"id":"([^"]+)"')
  end
end
