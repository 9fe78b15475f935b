-- wrk script for bench/run.py: counts responses that are not 2xx (wrk itself only counts 4xx/5xx)
-- and prints one parseable line at the end. Latencies are in microseconds.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d non2xx=%d status_errors=%d " ..
    "connect=%d read=%d write=%d timeout=%d p50=%d p95=%d p99=%d max=%d mean=%.0f\n",
    summary.requests, summary.duration, non2xx_total, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
