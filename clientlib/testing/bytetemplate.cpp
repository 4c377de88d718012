#include "bytetemplate.h"

namespace kube::testing::detail {

ByteTemplate::ByteTemplate(const QByteArray &text)
{
    qsizetype from = 0;
    QByteArray literal;
    while (true) {
        const qsizetype start = text.indexOf("@@", from);
        const qsizetype end = start < 0 ? -1 : text.indexOf("@@", start + 2);
        if (start < 0 || end < 0) {
            literal += text.mid(from);
            break;
        }
        QByteArray key = text.mid(start + 2, end - start - 2);
        qsizetype literalEnd = start;
        qsizetype next = end + 2;
        if (key.startsWith('#')) {
            // "@@#KEY@@": drop the surrounding quotes, the value is raw JSON.
            key = key.mid(1);
            if (literalEnd > 0 && text.at(literalEnd - 1) == '"')
                --literalEnd;
            if (next < text.size() && text.at(next) == '"')
                ++next;
        }
        literal += text.mid(from, literalEnd - from);
        m_literals << literal;
        m_keys << key;
        literal.clear();
        from = next;
    }
    m_literals << literal;
    for (const QByteArray &l : std::as_const(m_literals))
        m_size += l.size();
}

QByteArray ByteTemplate::render(const QHash<QByteArray, QByteArray> &values) const
{
    QByteArray out;
    out.reserve(m_size + m_keys.size() * 24);
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        out += m_literals.at(i);
        out += values.value(m_keys.at(i));
    }
    out += m_literals.last();
    return out;
}

} // namespace kube::testing::detail
