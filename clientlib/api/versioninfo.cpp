#include "versioninfo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace kube {

Result<VersionInfo> VersionInfo::parse(QByteArrayView json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(Error::Kind::Decode,
                           QStringLiteral("unable to parse the server version: %1")
                               .arg(err.error != QJsonParseError::NoError
                                        ? err.errorString()
                                        : QStringLiteral("not a JSON object")));
    const QJsonObject o = doc.object();
    VersionInfo v;
    v.major = o.value(QLatin1String("major")).toString();
    v.minor = o.value(QLatin1String("minor")).toString();
    v.gitVersion = o.value(QLatin1String("gitVersion")).toString();
    v.gitCommit = o.value(QLatin1String("gitCommit")).toString();
    v.gitTreeState = o.value(QLatin1String("gitTreeState")).toString();
    v.buildDate = o.value(QLatin1String("buildDate")).toString();
    v.goVersion = o.value(QLatin1String("goVersion")).toString();
    v.compiler = o.value(QLatin1String("compiler")).toString();
    v.platform = o.value(QLatin1String("platform")).toString();
    return v;
}

} // namespace kube
