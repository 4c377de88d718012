#include "watchstream.h"

#include "request.h"
#include "responseerror.h"
#include "restlogging.h"
#include "restreply.h"

namespace kube {

WatchStream::WatchStream(const Request &request, QObject *parent)
    : QObject(parent)
{
    m_reply = request.stream();
    m_reply->setParent(this);
    connect(m_reply, &RestReply::responseStarted, this, [this] {
        m_started = true;
        emit started();
    });
    connect(m_reply, &RestReply::readyRead, this, &WatchStream::onReadyRead);
    connect(m_reply, &RestReply::finished, this, &WatchStream::onReplyFinished);
}

WatchStream::~WatchStream()
{
    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        delete m_reply; // aborts a running watch silently
        m_reply = nullptr;
    }
}

void WatchStream::stop()
{
    if (m_finished)
        return;
    finish(Error::make(Error::Kind::Cancelled, QStringLiteral("the watch was stopped")));
}

void WatchStream::onReadyRead()
{
    if (m_finished || !m_reply)
        return;
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return;
    m_buffer += data;
    emit dataReceived();
    if (m_finished)
        return;
    parseAvailable();
}

void WatchStream::parseAvailable()
{
    // The server writes one JSON object per event, each followed by a newline; a chunk may end
    // anywhere. Scan for complete top-level objects (which also copes with events that are
    // not newline-separated) and keep the scanner state, so a huge event arriving in many
    // chunks is scanned once.
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype consumed = 0;
    for (qsizetype i = m_scanPos; i < size; ++i) {
        const char c = data[i];
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (m_depth == 0) {
            if (c == '{') {
                m_valueStart = i;
                m_depth = 1;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                finish(Error::make(Error::Kind::Decode,
                                   QStringLiteral("unexpected data in the watch stream at byte "
                                                  "%1: expected a JSON object")
                                       .arg(i)));
                return;
            }
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (--m_depth == 0) {
                const QByteArray json = m_buffer.mid(m_valueStart, i + 1 - m_valueStart);
                consumed = i + 1;
                m_valueStart = -1;
                Result<WatchEvent> event = WatchEvent::fromJson(json);
                if (!event) {
                    finish(event.error());
                    return;
                }
                ++m_eventCount;
                const QString rv = event->resourceVersion();
                if (!rv.isEmpty() && event->type != WatchEvent::Type::Error)
                    m_lastResourceVersion = rv;
                emit eventReceived(*event);
                if (m_finished) // the receiver stopped us
                    return;
                if (event->type == WatchEvent::Type::Error) {
                    // An ERROR event ends the watch (the server closes after it, and client-go's
                    // reflector stops); 410 in it means the resourceVersion is too old.
                    const std::optional<Status> st = event->status();
                    Error e = st ? st->toError()
                                 : Error::make(Error::Kind::Decode,
                                               QStringLiteral("the watch ended with an ERROR "
                                                              "event that is not a Status"));
                    if (st && e.httpCode == 0)
                        e.httpCode = 500;
                    finish(e);
                    return;
                }
            }
        }
    }
    if (consumed > 0) {
        m_buffer.remove(0, consumed);
        if (m_valueStart >= 0)
            m_valueStart -= consumed;
    }
    m_scanPos = m_buffer.size();
}

void WatchStream::onReplyFinished()
{
    if (m_finished)
        return;
    const std::optional<Error> error = m_reply->result().error;
    if (error)
        m_retryAfterSeconds = detail::parseRetryAfter(m_reply->result().header("Retry-After"));
    if (!error && m_depth > 0) {
        finish(Error::make(Error::Kind::Decode,
                           QStringLiteral("the watch stream ended in the middle of an event")));
        return;
    }
    if (error && error->httpCode == 410)
        qCInfo(lcRest).noquote() << "watch of" << m_reply->url().toString()
                                 << "expired (410): relist needed";
    finish(error);
}

void WatchStream::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    if (m_reply && !m_reply->isFinished()) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    emit finished();
}

} // namespace kube
