#pragma once

#include "api/error.h"

#include <QByteArray>
#include <QUrl>

namespace kube::cli {

/*!
 * kubectl's wording for errors (cmdutil.CheckErr / StandardErrorMessage), one line each:
 * "Error from server (NotFound): pods \"x\" not found", "error: You must be logged in to the
 * server (Unauthorized)", "The connection to the server host:port was refused - did you specify
 * the right host or port?", "error: <message>" for everything else.
 */
class ErrorText
{
public:
    static QByteArray line(const Error &error, const QUrl &server = {});
};

} // namespace kube::cli
