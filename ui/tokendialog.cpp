#include "tokendialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace kube::ui {

TokenDialog::TokenDialog(const QString &context, const QString &reason, QWidget *parent)
    : QDialog(parent)
    , m_token(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("Remember in the desktop keychain"), this))
{
    setObjectName(QStringLiteral("tokenDialog"));
    setWindowTitle(tr("Sign in to %1").arg(context));
    auto *text = new QLabel(
        tr("<p>The server of <b>%1</b> did not accept the request (401 Unauthorized):<br>"
           "<i>%2</i></p><p>Paste a bearer token for this cluster (for example from "
           "<code>kubectl create token &lt;service-account&gt;</code> or your identity "
           "provider).</p>")
            .arg(context.toHtmlEscaped(), reason.toHtmlEscaped()),
        this);
    text->setWordWrap(true);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setMinimumWidth(420);
    m_remember->setObjectName(QStringLiteral("rememberToken"));
    m_remember->setChecked(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_token, &QLineEdit::textChanged, this, [buttons](const QString &t) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_token);
    layout->addWidget(m_remember);
    layout->addWidget(buttons);
}

TokenDialog::~TokenDialog() = default;

QString TokenDialog::token() const
{
    return m_token->text().trimmed();
}

bool TokenDialog::remember() const
{
    return m_remember->isChecked();
}

} // namespace kube::ui
