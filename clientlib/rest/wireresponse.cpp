#include "wireresponse.h"

namespace kube::detail {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

void skipSpace(QByteArrayView s, qsizetype &i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
}

//! Moves \a i past the string starting at it (the opening quote); false when unterminated.
bool skipString(QByteArrayView s, qsizetype &i)
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"') {
            ++i;
            return true;
        }
    }
    return false;
}

//! Moves \a i past one JSON value of any type; false on malformed input.
bool skipValue(QByteArrayView s, qsizetype &i)
{
    if (i >= s.size())
        return false;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                if (!skipString(s, i))
                    return false;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0) {
                ++i;
                return true;
            }
            ++i;
        }
        return false;
    }
    // number, true, false, null
    while (i < s.size() && s[i] != ',' && s[i] != '}' && !isSpace(s[i]))
        ++i;
    return true;
}

} // namespace

QByteArray topLevelKind(QByteArrayView json)
{
    qsizetype i = 0;
    skipSpace(json, i);
    if (i >= json.size() || json[i] != '{')
        return {};
    ++i;
    while (true) {
        skipSpace(json, i);
        if (i >= json.size() || json[i] != '"')
            return {};
        const qsizetype keyStart = i + 1;
        if (!skipString(json, i))
            return {};
        const QByteArrayView key = json.sliced(keyStart, i - 1 - keyStart);
        skipSpace(json, i);
        if (i >= json.size() || json[i] != ':')
            return {};
        ++i;
        skipSpace(json, i);
        const qsizetype valueStart = i;
        if (!skipValue(json, i))
            return {};
        if (key == "kind") {
            const QByteArrayView value = json.sliced(valueStart, i - valueStart);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                return value.sliced(1, value.size() - 2).toByteArray();
            return {};
        }
        skipSpace(json, i);
        if (i < json.size() && json[i] == ',') {
            ++i;
            continue;
        }
        return {};
    }
}

Error errorFromRedirect(int httpCode, const QUrl &from, const QUrl &target)
{
    Error e = Error::make(
        Error::Kind::Status,
        QStringLiteral("the server redirected %1 to %2 (HTTP %3); Kubernetes API servers do not "
                       "redirect, so something else answered: check the cluster's server URL "
                       "and any proxy in front of it")
            .arg(from.toDisplayString(QUrl::RemoveUserInfo),
                 target.isValid() && !target.isEmpty()
                     ? target.toDisplayString(QUrl::RemoveUserInfo)
                     : QStringLiteral("an unnamed location"))
            .arg(httpCode));
    e.httpCode = httpCode;
    e.reason = QStringLiteral("Redirect");
    return e;
}

} // namespace kube::detail
