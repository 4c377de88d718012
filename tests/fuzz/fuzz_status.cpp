// libFuzzer: the Status decoder used for every error body, and the message cap.
#include "api/status.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (std::optional<kube::Status> st = kube::Status::fromJson(body)) {
        const kube::Error e = st->toError(data[0] % 2 ? 0 : 500);
        if (st->message.toUtf8().size() > kube::Status::MaxMessageBytes)
            std::abort();
        (void)e.toString();
        (void)st->toJson();
    }
    const QString capped = kube::Status::capMessage(QString::fromUtf8(body), 64);
    if (capped.toUtf8().size() > 64)
        std::abort();
    return 0;
}
