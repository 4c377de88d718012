#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace kube::ui {

//! Asks for a bearer token for a context whose server answered 401 and that has no plugin.
class TokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDialog)

public:
    TokenDialog(const QString &context, const QString &reason, QWidget *parent = nullptr);
    ~TokenDialog() override;

    QString token() const;
    bool remember() const;
    QLineEdit *tokenEdit() const { return m_token; }

private:
    QLineEdit *m_token;
    QCheckBox *m_remember;
};

} // namespace kube::ui
