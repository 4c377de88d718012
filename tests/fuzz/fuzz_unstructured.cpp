// libFuzzer: Unstructured's path accessors. Input: a dotted path, a newline, a JSON object.
#include "api/unstructured.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = bytes.indexOf('\n');
    if (nl < 0)
        return 0;
    const QString dotted = QString::fromUtf8(bytes.left(nl));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.mid(nl + 1));
    kube::Unstructured u(doc.object());
    const QStringList path = dotted.split(u'.');
    (void)u.nestedField(dotted);
    (void)u.nestedString(dotted);
    (void)u.nestedInt64(dotted);
    (void)u.nestedBool(dotted);
    (void)u.nestedStringList(dotted);
    (void)u.nestedStringMap(path);
    (void)u.nestedObject(path);
    (void)u.nestedSlice(path);
    (void)u.name();
    (void)u.labels();
    if (u.setNestedField(path, QJsonValue(42)))
        (void)u.nestedInt64(path);
    (void)u.setNestedStringList(path, { QStringLiteral("a") });
    return 0;
}
