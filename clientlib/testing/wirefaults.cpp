#include "wirefaults.h"

#include <QTcpSocket>

#include <zlib.h>

namespace kube::testing {

void WireFaults::addRedirect(const QString &pathPrefix, const QUrl &target, int code, int times)
{
    Rule r { pathPrefix, Rule::RedirectRule, target, code, Stall::NoResponse, times };
    m_rules.append(r);
}

void WireFaults::addStall(const QString &pathPrefix, Stall how, int times)
{
    Rule r { pathPrefix, Rule::StallRule, {}, 0, how, times };
    m_rules.append(r);
}

void WireFaults::clear()
{
    m_rules.clear();
    m_stalled.clear();
}

int WireFaults::stalledCount() const
{
    int n = 0;
    for (const auto &r : m_stalled)
        n += r.isConnected() ? 1 : 0;
    return n;
}

bool WireFaults::intercept(const detail::HttpRequest &request, detail::HttpResponder &responder)
{
    for (Rule &rule : m_rules) {
        if (rule.times == 0 || !request.path.startsWith(rule.pathPrefix))
            continue;
        if (rule.times > 0)
            --rule.times;
        if (rule.type == Rule::RedirectRule) {
            const QByteArray body = "<a href=\"" + rule.target.toEncoded() + "\">Found</a>.\n\n";
            responder.write(rule.code,
                            { { "Location", rule.target.toEncoded() },
                              { "Content-Type", "text/html; charset=utf-8" } },
                            body);
            return true;
        }
        if (rule.stall == Stall::AfterHeaders)
            responder.beginChunked(200,
                                   { { "Content-Type", "application/json" },
                                     { "Cache-Control", "no-cache, private" } });
        m_stalled.removeIf([](const detail::HttpResponder &r) { return !r.isConnected(); });
        m_stalled.append(responder);
        return true;
    }
    return false;
}

void WireFaults::prepare(const detail::HttpRequest &request, detail::HttpResponder &responder)
{
    if (m_gzipThreshold <= 0)
        return;
    // Go's gzip filter checks the token list loosely; so does this.
    const QByteArray accept = request.header("Accept-Encoding").toLower();
    if (!accept.contains("gzip"))
        return;
    responder.setGzipEncoder([this](const QByteArray &body) -> std::optional<QByteArray> {
        if (body.size() <= m_gzipThreshold)
            return std::nullopt;
        ++m_gzipped;
        return gzip(body);
    });
}

QByteArray WireFaults::gzip(const QByteArray &data)
{
    z_stream zs {};
    // 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 64);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = static_cast<qsizetype>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

} // namespace kube::testing
