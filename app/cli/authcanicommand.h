#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace kube::cli {

class CliContext;
struct CommandLine;

//! `auth can-i VERB RESOURCE[/NAME] [-n NS] [-A]` (yes/no, exit 0/1) and `auth can-i --list`
//! (kubectl's rule table), over SelfSubjectAccessReview and SelfSubjectRulesReview.
class AuthCanICommand
{
public:
    static int run(CliContext &context, const CommandLine &commandLine);
    //! The --list table for a SelfSubjectRulesReview status, as kubectl prints it (rules broken
    //! down per resource, simple ones merged, sorted by their Go string form).
    static QByteArray rulesTable(const QJsonObject &status, bool noHeaders);
};

} // namespace kube::cli
