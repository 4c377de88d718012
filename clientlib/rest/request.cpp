#include "request.h"

#include "goduration.h"
#include "restclient.h"
#include "restreply.h"
#include "urlpath.h"
#include "watchstream.h"

#include <QIODevice>

namespace kube {

namespace {
QString goQuote(const QString &s)
{
    QString escaped = s;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// Go prints a []string with %v as "[a b]".
QString goList(const QStringList &items)
{
    return QLatin1Char('[') + items.join(QLatin1Char(' ')) + QLatin1Char(']');
}
} // namespace

QByteArray patchContentType(PatchType type)
{
    switch (type) {
    case PatchType::Json:
        return "application/json-patch+json";
    case PatchType::Merge:
        return "application/merge-patch+json";
    case PatchType::StrategicMerge:
        return "application/strategic-merge-patch+json";
    case PatchType::Apply:
        return "application/apply-patch+yaml";
    }
    return "application/merge-patch+json";
}

Request::Request(std::shared_ptr<RestClient> client, const QByteArray &verb)
    : m_client(std::move(client))
    , m_verb(verb)
{
    if (m_client)
        m_pathPrefix = m_client->versionedApiPath();
}

void Request::setError(const QString &message)
{
    // Like client-go, keep the first mistake: later ones are usually consequences.
    if (!m_error)
        m_error = Error::make(Error::Kind::InvalidRequest, message);
}

Request &Request::inNamespace(const QString &ns)
{
    if (m_error)
        return *this;
    if (m_namespaceSet) {
        setError(QStringLiteral("namespace already set to %1, cannot change to %2")
                     .arg(goQuote(m_namespace), goQuote(ns)));
        return *this;
    }
    if (const QStringList problems = detail::pathSegmentProblems(ns); !problems.isEmpty()) {
        setError(QStringLiteral("invalid namespace %1: %2").arg(goQuote(ns), goList(problems)));
        return *this;
    }
    m_namespaceSet = true;
    m_namespace = ns;
    return *this;
}

Request &Request::namespaceIfScoped(const QString &ns, bool namespaced)
{
    return namespaced ? inNamespace(ns) : *this;
}

Request &Request::resource(const QString &resource)
{
    if (m_error)
        return *this;
    if (!m_resource.isEmpty()) {
        setError(QStringLiteral("resource already set to %1, cannot change to %2")
                     .arg(goQuote(m_resource), goQuote(resource)));
        return *this;
    }
    if (const QStringList problems = detail::pathSegmentProblems(resource); !problems.isEmpty()) {
        setError(
            QStringLiteral("invalid resource %1: %2").arg(goQuote(resource), goList(problems)));
        return *this;
    }
    m_resource = resource;
    return *this;
}

Request &Request::name(const QString &name)
{
    if (m_error)
        return *this;
    if (name.isEmpty()) {
        setError(QStringLiteral("resource name may not be empty"));
        return *this;
    }
    if (!m_name.isEmpty()) {
        setError(QStringLiteral("resource name already set to %1, cannot change to %2")
                     .arg(goQuote(m_name), goQuote(name)));
        return *this;
    }
    if (const QStringList problems = detail::pathSegmentProblems(name); !problems.isEmpty()) {
        setError(
            QStringLiteral("invalid resource name %1: %2").arg(goQuote(name), goList(problems)));
        return *this;
    }
    m_name = name;
    return *this;
}

Request &Request::subresource(const QString &subresource)
{
    return this->subresource(QStringList { subresource });
}

Request &Request::subresource(const QStringList &segments)
{
    if (m_error)
        return *this;
    const QString joined = segments.join(QLatin1Char('/'));
    if (!m_subresource.isEmpty()) {
        setError(QStringLiteral("subresource already set to %1, cannot change to %2")
                     .arg(goQuote(m_subresource), goQuote(joined)));
        return *this;
    }
    for (const QString &s : segments) {
        if (const QStringList problems = detail::pathSegmentProblems(s); !problems.isEmpty()) {
            setError(
                QStringLiteral("invalid subresource %1: %2").arg(goQuote(s), goList(problems)));
            return *this;
        }
    }
    m_subresource = joined;
    return *this;
}

Request &Request::suffix(const QString &segment)
{
    return suffix(QStringList { segment });
}

Request &Request::suffix(const QStringList &segments)
{
    if (m_error)
        return *this;
    m_subpath = detail::goPathJoin({ m_subpath, detail::goPathJoin(segments) });
    return *this;
}

Request &Request::absPath(const QString &path)
{
    return absPath(QStringList { path });
}

Request &Request::absPath(const QStringList &segments)
{
    if (m_error)
        return *this;
    const QString basePath = m_client ? m_client->baseUrl().path() : QString();
    m_pathPrefix = detail::goPathJoin({ basePath, detail::goPathJoin(segments) });
    // path.Join drops a trailing slash; client-go keeps it because some endpoints care.
    if (!segments.isEmpty() && segments.last().endsWith(QLatin1Char('/'))
        && !m_pathPrefix.endsWith(QLatin1Char('/')))
        m_pathPrefix += QLatin1Char('/');
    return *this;
}

Request &Request::param(const QString &key, const QString &value)
{
    if (m_error)
        return *this;
    m_params.append({ key, value });
    return *this;
}

Request &Request::params(const QueryParams &params)
{
    if (m_error)
        return *this;
    m_params.append(params);
    return *this;
}

Request &Request::versionedParams(const ListOptions &options)
{
    return params(options.toQuery());
}
Request &Request::versionedParams(const GetOptions &options)
{
    return params(options.toQuery());
}
Request &Request::versionedParams(const CreateOptions &options)
{
    return params(options.toQuery());
}
Request &Request::versionedParams(const UpdateOptions &options)
{
    return params(options.toQuery());
}
Request &Request::versionedParams(const PatchOptions &options)
{
    return params(options.toQuery());
}
Request &Request::versionedParams(const DeleteOptions &options)
{
    return params(options.toQuery());
}

Request &Request::timeout(std::chrono::milliseconds timeout)
{
    if (timeout.count() > 0)
        m_timeout = timeout;
    else
        m_timeout.reset();
    return *this;
}

Request &Request::readIdleTimeout(std::chrono::milliseconds idle)
{
    m_readIdleTimeout = idle.count() > 0 ? idle : std::chrono::milliseconds(0);
    return *this;
}

Request &Request::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return *this;
        }
    }
    m_headers.append({ name, value });
    return *this;
}

Request &Request::accept(const QByteArray &accept)
{
    m_accept = accept;
    return *this;
}

Request &Request::asTable()
{
    return accept(RestClient::TableAcceptHeader);
}

Request &Request::body(const QByteArray &body)
{
    m_body = body;
    m_hasBody = true;
    m_bodyDevice.clear();
    m_hasBodyDevice = false;
    return *this;
}

Request &Request::body(const QJsonObject &object)
{
    return body(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Request &Request::body(const QJsonDocument &document)
{
    return body(document.toJson(QJsonDocument::Compact));
}

Request &Request::body(QIODevice *device)
{
    m_body.clear();
    m_hasBody = device != nullptr;
    m_bodyDevice = device;
    m_hasBodyDevice = device != nullptr;
    return *this;
}

Request &Request::contentType(const QByteArray &contentType)
{
    m_contentType = contentType;
    return *this;
}

Request &Request::rateLimited(bool limited)
{
    m_rateLimited = limited;
    return *this;
}

Request &Request::maxRetries(int retries)
{
    m_maxRetries = retries < 0 ? 0 : retries;
    return *this;
}

QByteArray Request::acceptHeader() const
{
    if (!m_accept.isEmpty())
        return m_accept;
    return m_client ? m_client->options().accept : QByteArray("application/json");
}

QByteArray Request::contentTypeHeader() const
{
    if (!m_contentType.isEmpty())
        return m_contentType;
    return m_client ? m_client->options().contentType : QByteArray("application/json");
}

QString Request::path() const
{
    QString p = m_pathPrefix;
    if (m_namespaceSet && !m_namespace.isEmpty())
        p = detail::goPathJoin({ p, QStringLiteral("namespaces"), m_namespace });
    if (!m_resource.isEmpty())
        p = detail::goPathJoin({ p, m_resource.toLower() });
    // path.Join trims trailing slashes: only join when something follows, so a prefix's
    // trailing slash survives (client-go's backwards compatibility rule).
    if (!m_name.isEmpty() || !m_subpath.isEmpty() || !m_subresource.isEmpty())
        p = detail::goPathJoin({ p, m_name, m_subresource, m_subpath });
    return p;
}

QUrl Request::url() const
{
    QUrl u = m_client ? m_client->baseUrl() : QUrl();
    u.setPath(path(), QUrl::DecodedMode);
    QueryParams query = m_params;
    if (m_timeout) {
        // query.Set: replaces any timeout the caller passed as a plain parameter.
        query.removeIf([](const auto &kv) { return kv.first == QLatin1String("timeout"); });
        query.append({ QStringLiteral("timeout"), formatGoDuration(*m_timeout) });
    }
    const QByteArray encoded = detail::encodeQuery(query);
    if (encoded.isEmpty())
        u.setQuery(QString());
    else
        u.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    return u;
}

RestReply *Request::send() const
{
    auto *reply = new RestReply(*this, RestReply::Mode::Buffered);
    reply->start();
    return reply;
}

RestReply *Request::stream() const
{
    auto *reply = new RestReply(*this, RestReply::Mode::Streaming);
    reply->start();
    return reply;
}

WatchStream *Request::watch() const
{
    Request r = *this;
    const bool hasWatch = std::any_of(r.m_params.cbegin(), r.m_params.cend(), [](const auto &kv) {
        return kv.first == QLatin1String("watch");
    });
    if (!hasWatch && !r.m_error)
        r.m_params.append({ QStringLiteral("watch"), QStringLiteral("true") });
    // DESIGN: watches are long-lived and not rate limited, and never retried (the caller
    // decides: rewatch from the last resourceVersion, or relist after 410).
    r.m_rateLimited = false;
    r.m_maxRetries = 0;
    return new WatchStream(r);
}

} // namespace kube
