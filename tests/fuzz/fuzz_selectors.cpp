// libFuzzer: the label and field selector parsers (FakeApiServer's, which follow apimachinery's
// grammar: what the demo cluster and the tests accept from any client).
#include "testing/fieldselector.h"
#include "testing/labelselector.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    kube::testing::detail::LabelSelector labels;
    (void)labels.parse(text, &error);
    kube::testing::detail::FieldSelector fields;
    (void)fields.parse(text, { QStringLiteral("spec.nodeName"), QStringLiteral("status.phase") },
                       &error);
    return 0;
}
