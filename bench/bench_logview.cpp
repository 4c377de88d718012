// bench_logview: the Logs tab's view (LogView) at its 100,000-line cap — how many lines a
// second reach the screen, the longest stall of the GUI thread (an event-loop probe ticking
// every 5 ms) and the memory the view holds, for a burst (lines as fast as the feed can hand
// them over), a steady follow (a chatty workload: 20,000 lines/s in 100 ms batches, as LogFeed
// delivers them), with search highlighting, with wrapped lines and with workload prefixes.
// Runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints a Markdown table.
//
//   bench_logview [--lines 300000] [--cap 100000]

#include "loghighlighter.h"
#include "logview.h"

#include "stallprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPlainTextEdit>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <malloc.h>

using kube::bench::StallProbe;

namespace {

qint64 rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Scenario
{
    const char *name;
    int linesPerSecond; // 0 = as fast as the view takes them
    bool search = false;
    bool wrap = false;
    bool prefixed = false;
};

// Lines as LogFeed hands them over, made before the clock starts: in the application they
// are decoded on the feed's worker thread, not on the GUI thread being measured.
QList<kube::ui::LogFeedLine> makeLines(qint64 from, int count, bool prefixed)
{
    static const char *levels[] = { "INFO", "INFO", "INFO", "WARN", "INFO", "ERROR", "DEBUG" };
    QList<kube::ui::LogFeedLine> out;
    out.reserve(count);
    for (qint64 i = from; i < from + count; ++i) {
        out.append({ QStringLiteral("2026-12-04T10:%1:%2.%3Z %4 handled GET /api/v1/items?page=%5 "
                                    "status=200 bytes=%6 in %7ms user=u%8")
                         .arg((i / 60000) % 60, 2, 10, QLatin1Char('0'))
                         .arg((i / 1000) % 60, 2, 10, QLatin1Char('0'))
                         .arg(i % 1000, 3, 10, QLatin1Char('0'))
                         .arg(QLatin1String(levels[i % 7]))
                         .arg(i % 97)
                         .arg(1000 + i % 50000)
                         .arg(3 + i % 17)
                         .arg(i % 1000),
                     i * 1000,
                     prefixed ? QStringLiteral("web-7d4b9-%1/app").arg(i % 12) : QString() });
    }
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        { QStringLiteral("lines"), QStringLiteral("Lines per scenario."), QStringLiteral("N"),
          QStringLiteral("300000") },
        { QStringLiteral("cap"), QStringLiteral("Lines kept by the view."), QStringLiteral("N"),
          QStringLiteral("100000") },
    });
    parser.process(app);
    const qint64 total = parser.value(QStringLiteral("lines")).toLongLong();
    const int cap = parser.value(QStringLiteral("cap")).toInt();

    const Scenario scenarios[] = {
        { "burst (as fast as possible)", 0 },
        { "burst, search highlighting \"ERROR\"", 0, true },
        { "burst, wrapped lines", 0, false, true },
        { "burst, workload prefixes (12 pods)", 0, false, false, true },
        { "steady follow, 20,000 lines/s", 20000 },
    };

    const QList<kube::ui::LogFeedLine> plain = makeLines(0, 20000, false);
    const QList<kube::ui::LogFeedLine> prefixed = makeLines(0, 20000, true);
    std::printf("| scenario | lines | kept | lines/s on screen | GUI stall max | stall p99 | RSS "
                "of the view |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    {
        // The machine's own noise: the same probe on an idle event loop for 5 s.
        StallProbe idle;
        idle.start();
        QEventLoop loop;
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        idle.stop();
        std::printf(
            "| idle event loop, no lines (noise floor) | 0 | 0 | – | %.0f ms | %.0f ms | – |\n",
            idle.longestMs(), idle.quantileMs(0.99));
    }
    for (const Scenario &s : scenarios) {
        malloc_trim(0);
        const qint64 rssBefore = rssKb();
        auto *view = new kube::ui::LogView;
        view->resize(1200, 800);
        view->show();
        view->setMaxLines(cap);
        view->setWrap(s.wrap);
        if (s.search)
            view->setSearchText(QStringLiteral("ERROR"));
        QApplication::processEvents();

        StallProbe probe;
        probe.start();
        QElapsedTimer clock;
        clock.start();
        qint64 sent = 0;
        QEventLoop loop;
        QTimer feeder;
        // A LogFeed hands over one batch per flush interval (100 ms); a burst hands over as
        // much as it has at every turn of the event loop.
        const int chunk = s.linesPerSecond ? s.linesPerSecond / 10 : 5000;
        feeder.setInterval(s.linesPerSecond ? 100 : 0);
        QObject::connect(&feeder, &QTimer::timeout, [&] {
            if (sent >= total) {
                feeder.stop();
                return;
            }
            const int n = int(std::min<qint64>(chunk, total - sent));
            const QList<kube::ui::LogFeedLine> &pool = s.prefixed ? prefixed : plain;
            view->appendLines(pool.mid((sent % pool.size()) / chunk * chunk, n));
            sent += n;
        });
        QTimer done;
        done.setInterval(20);
        QObject::connect(&done, &QTimer::timeout, [&] {
            if (sent >= total && view->waitingLines() == 0)
                loop.quit();
        });
        feeder.start();
        done.start();
        loop.exec();
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        probe.stop();
        QApplication::processEvents();
        const qint64 rssAfter = rssKb();
        std::printf("| %s | %lld | %d | %.0f | %.0f ms | %.0f ms | %.0f MiB |\n", s.name,
                    static_cast<long long>(view->receivedLines()), view->lineCount(),
                    double(total) / seconds, probe.longestMs(), probe.quantileMs(0.99),
                    double(rssAfter - rssBefore) / 1024.0);
        std::fflush(stdout);
        delete view;
    }
    return 0;
}
