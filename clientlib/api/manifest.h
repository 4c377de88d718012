#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kube {

/*!
 * Objects from a manifest as `kubectl apply -f` reads it: YAML with several documents split on
 * "---" lines, or JSON; empty documents skipped; a `kind: List` (v1 List) gives its items.
 * Each object remembers the line of every field, so a server's validation error
 * ("spec.replicas") can be shown next to the line it concerns.
 *
 * A pure parser: call it from any thread. Deep nesting and alias bombs are refused with an
 * error, never a crash.
 * \code
 * auto docs = kube::Manifest::parse(bytes, "web.yaml");
 * if (!docs) return report(docs.error());          // "web.yaml:3:7: ..."
 * for (const kube::Manifest::Document &d : *docs) apply(d.object);
 * \endcode
 */
class Manifest
{
public:
    struct Document
    {
        QJsonObject object;
        int line = 1; //!< 1-based first line of the document in the source
        //! field path ("spec", "containers", "0", "image") joined by '\x1f' -> 1-based line
        QHash<QString, int> fieldLines;

        /*!
         * The line of \a path (StatusCause::fieldPath()), or of its longest prefix present
         * in the source; the document's first line when nothing matches.
         */
        int lineOf(const QStringList &path) const;
    };

    static Result<QList<Document>> parse(const QByteArray &data, const QString &source);
};

} // namespace kube
