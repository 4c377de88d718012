// libFuzzer: the legacy discovery documents (APIVersions, APIGroupList, APIResourceList) and the
// JSON written back to the disk cache, which must parse again to the same value.
#include "api/discoveryjson.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView json(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)kube::discoveryjson::parseAPIVersions(json);
    if (auto groups = kube::discoveryjson::parseAPIGroupList(json)) {
        const QByteArray written = kube::discoveryjson::toJson(*groups);
        auto again = kube::discoveryjson::parseAPIGroupList(written);
        if (!again || kube::discoveryjson::toJson(*again) != written)
            std::abort(); // the cache would not read back what it wrote
    }
    if (auto resources = kube::discoveryjson::parseAPIResourceList(json)) {
        const QByteArray written = kube::discoveryjson::toJson(*resources);
        auto again = kube::discoveryjson::parseAPIResourceList(written);
        if (!again || kube::discoveryjson::toJson(*again) != written)
            std::abort();
    }
    return 0;
}
