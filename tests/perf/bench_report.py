"""The benchmark's report: tests/perf/RESULTS.md and its chart (results.png)."""

import datetime

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CHART = "results.png"


def write(folder, *, rows, posting, context):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "RESULTS.md").write_text(markdown(rows, posting, context))
    chart(rows, folder / CHART)


def markdown(rows, posting, context):
    now = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (tests/perf/benchmark.py) on {now}, in "
        f"{context['duration']:.0f} s.",
        "",
        f"- Machine: {context['machine']}. Python {context['python']}, Django "
        f"{context['django']}, SQLite {context['sqlite']}.",
        "- Settings as in production (DEBUG off), local-memory cache, SQLite for the pages.",
        f"- Load average (1 min) {context['load']}; a fixed pure-Python loop took "
        f"{context['calibration']} (lower is faster): the machine may be shared with other "
        "work, which slows every figure, so compare rows of one run with care.",
        f"- Load over HTTP: {context['client']}, 2 threads, 8 connections, "
        f"{context['load_seconds']} s per figure in two turns of the three kinds (the mean rate "
        "and p50 of the turns, the highest p99) after a 1 s warm-up, against gunicorn with "
        "2 workers (as `make serve`); the static copy is the anonymous page's HTML served by "
        "the same gunicorn through WhiteNoise.",
        f"- In process: medians of each row, taken in {context['rounds']} rounds over all the "
        "rows, the lowest kept (as timeit advises: other work only ever adds time); "
        "*uncached* drops every cached page, thread and fragment "
        "before each request (settings rows stay cached, as after the first request); "
        "*session* is a reader with a session cookie (thread, related posts and form from "
        "their cached copies); *anonymous* is answered from the shared copy.",
        "",
        "| comments | per page | queries | KB | uncached ms | session ms | anonymous ms "
        "| anon req/s (p50/p99 ms) | session req/s (p50/p99 ms) | static req/s (p50/p99 ms) "
        "| anon/static |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['size']:,} | {row['per_page'] or 'all'} | {row['queries']} "
            f"| {row['bytes'] / 1024:,.0f} | {row['uncached_ms']:.1f} | {row['session_ms']:.1f} "
            f"| {row['anonymous_ms']:.1f} | {_http(row, 'anonymous')} | {_http(row, 'session')} "
            f"| {_http(row, 'static')} | {_ratio(row['ratio'])} |"
        )
    errors = sum(row.get("http_errors", 0) for row in rows)
    lines += [
        "",
        f"Answers other than 2xx/3xx under load: {errors}.",
        "",
        f"## Posting through the comment form ({context['posting_seconds']} s, 8 clients; "
        f"{context['posting_runs']} run(s) on each database, in turns)",
        "",
        "| database | run | accepted/s | accepted | errors | sent | rows stored |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in posting:
        run = result.get("run", 1)
        if "failed" in result:
            lines.append(f"| {result['database']} | {run} | failed | | | | |")
            continue
        lines.append(
            f"| {result['database']} | {run} | {result['accepted_per_s']:.0f} "
            f"| {result['accepted']} | {result['errors']} | {result['sent']} "
            f"| {result['stored']} |"
        )
    lines += ["", f"![Render time and requests per second against N]({CHART})", ""]
    return "\n".join(lines)


def _http(row, kind):
    return f"{row[f'{kind}_rps']:,.0f} ({row[f'{kind}_p50']:.1f}/{row[f'{kind}_p99']:.1f})"


def chart(rows, path):
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for per_page in sorted({row["per_page"] for row in rows}):
        shown = [row for row in rows if row["per_page"] == per_page]
        sizes = [row["size"] for row in shown]
        label = f"{per_page} per page" if per_page else "one page"
        left.plot(sizes, [row["uncached_ms"] for row in shown], "o-", label=f"uncached, {label}")
        left.plot(sizes, [row["session_ms"] for row in shown], "s--", label=f"session, {label}")
        right.plot(
            sizes, [row["anonymous_rps"] for row in shown], "o-", label=f"anonymous, {label}"
        )
        right.plot(sizes, [row["session_rps"] for row in shown], "s--", label=f"session, {label}")
    static = [row for row in rows if row["per_page"] == rows[-1]["per_page"]]
    right.plot(
        [row["size"] for row in static],
        [row["static_rps"] for row in static],
        "k:",
        label="static copy",
    )
    for axis, title, unit in (
        (left, "In-process render (median)", "ms"),
        (right, "Over HTTP (gunicorn, 2 workers)", "requests/s"),
    ):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("approved comments on the article")
        axis.set_ylabel(unit)
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _ratio(ratio):
    return "—" if ratio is None else f"{ratio:.0%}"
