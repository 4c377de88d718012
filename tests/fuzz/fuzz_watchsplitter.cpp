// libFuzzer: the watch-event splitter fed in chunks whose size comes from the first byte, and
// each event it cuts decoded as a WatchEvent (ERROR events as Status).
#include "rest/watchevent.h"
#include "rest/watcheventsplitter.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int chunk = 1 + data[0] % 32;
    const QByteArrayView body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    kube::WatchEventSplitter splitter(4096);
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        splitter.append(body.sliced(at, qMin<qsizetype>(chunk, body.size() - at)));
        while (true) {
            auto next = splitter.next();
            if (!next)
                return 0;
            if (!*next)
                break;
            const QByteArray &event = **next;
            // The splitter frames by bracket depth; "{]" is framed and left to the JSON parser.
            if (event.size() > 4096 || event.front() != '{'
                || (event.back() != '}' && event.back() != ']'))
                std::abort(); // over the limit, or not one value
            if (auto decoded = kube::WatchEvent::fromJson(event)) {
                (void)decoded->resourceVersion();
                (void)decoded->status();
            }
        }
        if (splitter.bufferedBytes() > 4096 + chunk)
            std::abort(); // memory not bounded by the limit
    }
    return 0;
}
