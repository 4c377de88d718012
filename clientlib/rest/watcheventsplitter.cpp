#include "watcheventsplitter.h"

namespace kube {

namespace {

QString tooLargeMessage(qint64 limit, qint64 size)
{
    return QStringLiteral("a watch event is larger than the client's limit of %1 MiB (%2 bytes "
                          "or more): the server sent something that is not a Kubernetes object; "
                          "raise RestClientOptions::maxWatchEventBytes if it is one")
        .arg(limit / (1024 * 1024))
        .arg(size);
}

} // namespace

WatchEventSplitter::WatchEventSplitter(qint64 maxEventBytes)
    : m_maxEventBytes(maxEventBytes)
{ }

void WatchEventSplitter::append(QByteArrayView data)
{
    if (m_error)
        return;
    m_buffer.append(data);
}

Result<std::optional<QByteArray>> WatchEventSplitter::next()
{
    if (m_error)
        return *m_error;
    const auto fail = [this](const QString &message) -> Result<std::optional<QByteArray>> {
        m_error = Error::make(Error::Kind::Decode, message);
        m_buffer.clear();
        m_scanPos = 0;
        return *m_error;
    };
    const auto tooLarge = [this](qint64 size) { return tooLargeMessage(m_maxEventBytes, size); };
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    for (qsizetype i = m_scanPos; i < size; ++i) {
        const char c = data[i];
        if (m_depth == 0) {
            if (c == '{') {
                m_valueStart = i;
                m_depth = 1;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return fail(QStringLiteral("unexpected data in the watch stream at byte %1: "
                                           "expected a JSON object")
                                .arg(m_offset + i));
            }
            continue;
        }
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
        } else if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            // Nesting is only counted here; the JSON parser rejects what is too deep.
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (--m_depth == 0) {
                const qsizetype length = i + 1 - m_valueStart;
                if (m_maxEventBytes > 0 && length > m_maxEventBytes)
                    return fail(tooLarge(length));
                QByteArray json = m_buffer.mid(m_valueStart, length);
                m_valueStart = -1;
                // Many small events arrive in one chunk: consume by moving the scan position,
                // and drop the consumed bytes only once they are most of the buffer.
                m_scanPos = i + 1;
                if (m_scanPos > size / 2) {
                    m_buffer.remove(0, m_scanPos);
                    m_offset += m_scanPos;
                    m_scanPos = 0;
                }
                return std::optional<QByteArray>(std::move(json));
            }
        }
    }
    if (m_depth == 0) {
        // Only whitespace so far: nothing to keep.
        m_offset += m_buffer.size();
        m_buffer.clear();
        m_scanPos = 0;
        return std::optional<QByteArray>();
    }
    if (m_valueStart > 0) {
        m_buffer.remove(0, m_valueStart);
        m_offset += m_valueStart;
        m_valueStart = 0;
    }
    m_scanPos = m_buffer.size();
    if (m_maxEventBytes > 0 && m_buffer.size() > m_maxEventBytes)
        return fail(tooLarge(m_buffer.size()));
    return std::optional<QByteArray>();
}

} // namespace kube
