#include "secretmasker.h"

#include <QStringList>

namespace kube::ui {

namespace {

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == u' ')
        ++i;
    return i;
}

// Decoded size of a base64 value (data), or the text's size (stringData).
qsizetype valueBytes(const QString &value, bool base64)
{
    QString v = value.trimmed();
    if (v.size() >= 2 && (v.front() == u'"' || v.front() == u'\''))
        v = v.mid(1, v.size() - 2);
    if (!base64)
        return v.toUtf8().size();
    const qsizetype padding = v.endsWith(QLatin1String("==")) ? 2 : v.endsWith(u'=') ? 1 : 0;
    return v.size() * 3 / 4 - padding;
}

} // namespace

QString SecretMasker::mask(const QString &yaml, bool *masked)
{
    const QStringList lines = yaml.split(u'\n');
    QStringList out;
    out.reserve(lines.size());
    bool any = false;
    int section = -1; // indent of the data/stringData key we are under, -1 = none
    bool base64 = true;
    int valueIndent = -1; // indent of the entries of that map
    int scalarIndent = -1; // inside a block scalar value: lines deeper than this are hidden
    for (const QString &line : lines) {
        const int indent = indentOf(line);
        const bool blank = line.trimmed().isEmpty();
        if (scalarIndent >= 0) {
            if (blank || indent > scalarIndent)
                continue; // counted in the entry's line
            scalarIndent = -1;
        }
        if (section >= 0 && !blank && indent <= section)
            section = -1;
        if (section < 0) {
            if (indent == 0
                && (line == QLatin1String("data:") || line == QLatin1String("stringData:"))) {
                section = 0;
                base64 = line.startsWith(QLatin1String("data"));
                valueIndent = -1;
            }
            out.append(line);
            continue;
        }
        if (valueIndent < 0)
            valueIndent = indent;
        const qsizetype colon = line.indexOf(QLatin1String(": "), indent);
        const bool keyOnly = line.endsWith(u':');
        if (indent != valueIndent || (colon < 0 && !keyOnly)) {
            out.append(line);
            continue;
        }
        const QString key = keyOnly ? line.left(line.size() - 1) : line.left(colon);
        const QString value = keyOnly ? QString() : line.mid(colon + 2);
        QString shown;
        if (value.startsWith(u'|') || value.startsWith(u'>')) {
            scalarIndent = indent;
            shown = QStringLiteral("••••••");
        } else {
            shown = QStringLiteral("•••••• (%1 bytes)").arg(valueBytes(value, base64));
        }
        out.append(QStringLiteral("%1: %2").arg(key, shown));
        any = true;
    }
    if (masked)
        *masked = any;
    return out.join(u'\n');
}

} // namespace kube::ui
