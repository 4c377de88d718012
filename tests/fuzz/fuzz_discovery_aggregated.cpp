// libFuzzer: aggregated discovery (apidiscovery.k8s.io v2/v2beta1) and its Content-Type test.
#include "api/aggregateddiscovery.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)kube::AggregatedDiscovery::parse(bytes);
    // The first line doubles as a Content-Type header value.
    const qsizetype nl = bytes.indexOf('\n');
    (void)kube::AggregatedDiscovery::isAggregatedContentType(nl < 0 ? bytes : bytes.first(nl));
    return 0;
}
