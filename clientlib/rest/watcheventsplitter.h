#pragma once

#include "api/result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace kube {

/*!
 * Cuts the body of a watch response into its events: one JSON object per event, normally each
 * followed by a newline, though a chunk may end anywhere and some servers omit the newline.
 * A pure parser over bytes (WatchStream feeds it), so it can be tested and fuzzed alone.
 *
 * Memory is bounded: an event bigger than maxEventBytes is an error, not a buffer that grows
 * until the process dies, and the scanner state is kept between chunks so a large event that
 * arrives in many pieces is scanned once.
 *
 * \code
 * kube::WatchEventSplitter splitter(16 << 20);
 * splitter.append(reply->readAll());
 * while (true) {
 *     auto next = splitter.next();
 *     if (!next) return fail(next.error());   // garbage, or an event over the limit
 *     if (!*next) break;                       // need more bytes
 *     handle(**next);                          // one complete JSON object
 * }
 * \endcode
 */
class WatchEventSplitter final
{
public:
    //! \a maxEventBytes 0 = no limit.
    explicit WatchEventSplitter(qint64 maxEventBytes = 0);

    void append(QByteArrayView data);

    /*!
     * The next complete top-level JSON object, std::nullopt when more bytes are needed, or an
     * Error::Kind::Decode for data that is not a JSON object or an object over the limit. After
     * an error the splitter stays failed.
     */
    Result<std::optional<QByteArray>> next();

    //! The stream stopped inside an object (a truncated event).
    bool isInsideValue() const { return m_depth > 0; }
    //! Bytes held: the part of the current event received so far, and what follows it.
    qsizetype bufferedBytes() const { return m_buffer.size(); }

private:
    QByteArray m_buffer;
    qint64 m_maxEventBytes = 0;
    qint64 m_offset = 0; // stream offset of m_buffer[0], for messages
    qsizetype m_scanPos = 0; // where the scanner stopped in m_buffer
    qsizetype m_valueStart = -1;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    std::optional<Error> m_error;
};

} // namespace kube
