-- wrk script for bench/soak.sh: spreads requests over every signed-in user of the soak and over three endpoints
-- (a page of projects, the GitLab user, the session), pausing SOAK_DELAY_MS between a connection's requests so the
-- load stays steady instead of saturating the machine. Credentials come from the sessions file, never a command line.
--   SOAK_SESSIONS  file of "cookie account-id username" lines (written by BenchEnvironment)
--   SOAK_DELAY_MS  pause of each connection between two requests

local sessions = {}
local paths = {}
local next_request = 0
local delay_ms = tonumber(os.getenv("SOAK_DELAY_MS") or "50")

function init(args)
    for line in io.lines(os.getenv("SOAK_SESSIONS")) do
        local cookie, account = line:match("^(%S+) (%S+)")
        if cookie then
            table.insert(sessions, { cookie = "gitlab_link_session=" .. cookie, account = account })
        end
    end
    paths = { "/projects?perPage=20", "/user", "" }
end

function request()
    next_request = next_request + 1
    local session = sessions[(next_request % #sessions) + 1]
    local kind = paths[(math.floor(next_request / #sessions) % #paths) + 1]
    local path = kind == "" and "/api/session" or ("/api/accounts/" .. session.account .. kind)
    return wrk.format("GET", path, { ["Cookie"] = session.cookie, ["Accept"] = "application/json" })
end

function delay()
    return delay_ms
end

-- The result line (BENCH_RESULT ...) is bench/report.lua's; its optional headers are not set by soak.sh.
dofile("bench/report.lua")
