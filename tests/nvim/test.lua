-- Drives Neovim's built-in LSP client (0.7+: start_client, buf_attach_client,
-- buf_request_sync) against `smplan server`. Run by tests/nvim/run.sh.
local smplan, dir = os.getenv("SMPLAN"), os.getenv("PLAN_DIR")
local failures = {}
local function check(ok, what)
  if not ok then table.insert(failures, what) end
end

local path = dir .. "/care.plan.toml"
vim.cmd("edit " .. vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "smplan", cmd = { smplan, "server" }, root_dir = dir })
check(id ~= nil, "client started")
vim.lsp.buf_attach_client(buf, id)

-- 1. Diagnostics: codes and positions (0-based lines; columns in bytes on Neovim's side).
local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
check(got, "diagnostics arrived")
local seen = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  seen[#seen + 1] = string.format("%s@%d:%d", d.code or d.user_data.lsp.code, d.lnum, d.col)
end
table.sort(seen)
local want = { "BG003@12:0", "PL005@27:13", "PL005@6:8", "PL009@17:12" }
local joined = table.concat(seen, " ")
check(joined == table.concat(want, " "), "diagnostics: " .. joined)

local uri = vim.uri_from_bufnr(buf)
-- 2. Completion inside `supports = [""]` (line 17; the cursor between the quotes).
local line17 = vim.api.nvim_buf_get_lines(buf, 17, 18, false)[1]
check(line17 == 'supports = [""]', "line 18 is supports: " .. tostring(line17))
local res = vim.lsp.buf_request_sync(buf, "textDocument/completion",
  { textDocument = { uri = uri }, position = { line = 17, character = 13 } }, 10000)
local labels = {}
for _, r in pairs(res or {}) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, it in ipairs(items) do labels[#labels + 1] = it.label .. "=" .. (it.insertText or "") end
end
check(table.concat(labels, " ") == "A=A", "completion offers letter A: " .. table.concat(labels, " "))

-- 3. The code action that unquotes the start date (PL005's safe fix), applied.
local res = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
  textDocument = { uri = uri },
  range = { start = { line = 6, character = 10 }, ["end"] = { line = 6, character = 10 } },
  context = { diagnostics = {} },
}, 10000)
local applied = false
for _, r in pairs(res or {}) do
  for _, a in ipairs(r.result or {}) do
    if a.isPreferred and a.kind == "quickfix" and a.title:find("PL005", 1, true) then
      vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
      applied = true
    end
  end
end
check(applied, "a preferred PL005 quickfix was offered")
local line6 = vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]
check(line6 == "start = 2027-01-01", "buffer after the fix: " .. tostring(line6))

-- The fixed buffer is linted again: the start date's PL005 is gone.
local gone = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == 6 then return false end
  end
  return true
end, 50)
check(gone, "PL005 on line 7 cleared after the edit")

vim.lsp.stop_client(id)
if #failures > 0 then
  io.stderr:write("FAIL:\n  " .. table.concat(failures, "\n  ") .. "\n")
  vim.cmd("cquit 1")
else
  io.stderr:write("ok: diagnostics, completion, code action\n")
  vim.cmd("qall!")
end
