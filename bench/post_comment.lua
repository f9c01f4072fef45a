-- wrk: each request posts one comment with a form of its own (bench/comment_forms.py).
-- Usage: wrk ... URL -- FORMS_FILE THREADS
-- Forms are dealt round-robin to the threads; a thread that runs out reuses its last form,
-- which the site refuses (409) and wrk counts as non-2xx: fetch more forms than are posted.

local thread_count = 0

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  forms = {}
  local threads = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    if n % threads == thread_id then
      local cookie, body = line:match("^([^\t]*)\t(.*)$")
      forms[#forms + 1] = { cookie = cookie, body = body }
    end
    n = n + 1
  end
  next_form = 1
end

function request()
  local form = forms[math.min(next_form, #forms)]
  next_form = next_form + 1
  return wrk.format("POST", "/binh-luan/gui/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = form.cookie,
  }, form.body)
end
