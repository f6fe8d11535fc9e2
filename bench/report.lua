-- wrk script for bench/run.sh: adds the credentials from the environment (so they never appear on a
-- command line) and prints one machine-readable line with the numbers run.sh tabulates.
--   BENCH_COOKIE         value of the Cookie header (the service's session cookie), optional
--   BENCH_AUTHORIZATION  value of the Authorization header (Bearer token for the emulator), optional

local cookie = os.getenv("BENCH_COOKIE")
local authorization = os.getenv("BENCH_AUTHORIZATION")

wrk.headers["Accept"] = "application/json"
if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
end
if authorization and authorization ~= "" then
    wrk.headers["Authorization"] = authorization
end

-- wrk counts answers with a status >= 400 in errors.status; latencies are in microseconds.
done = function(summary, latency, requests)
    local seconds = summary.duration / 1000000
    local errors = summary.errors
    io.write(string.format(
        "BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
        "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
