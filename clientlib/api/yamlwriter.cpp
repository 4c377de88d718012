#include "yamlwriter.h"

#include "goformat.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace kube {

namespace {

// Character classes of go-yaml (yamlprivateh.go), on UTF-8 bytes.
bool isSpace(const QByteArray &b, qsizetype i)
{
    return i < b.size() && b.at(i) == ' ';
}

bool isBlank(const QByteArray &b, qsizetype i)
{
    return i < b.size() && (b.at(i) == ' ' || b.at(i) == '\t');
}

unsigned char at(const QByteArray &b, qsizetype i)
{
    return i < b.size() ? static_cast<unsigned char>(b.at(i)) : 0;
}

bool isBreak(const QByteArray &b, qsizetype i)
{
    const unsigned char c = at(b, i);
    return c == '\r' || c == '\n' || (c == 0xC2 && at(b, i + 1) == 0x85)
        || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9));
}

bool isBlankz(const QByteArray &b, qsizetype i)
{
    return isBlank(b, i) || isBreak(b, i) || at(b, i) == 0;
}

bool isPrintable(const QByteArray &b, qsizetype i)
{
    const unsigned char c = at(b, i);
    const unsigned char c1 = at(b, i + 1);
    const unsigned char c2 = at(b, i + 2);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0)
        || (c > 0xC2 && c < 0xED) || (c == 0xED && c1 < 0xA0) || c == 0xEE
        || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF)
            && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

bool isBom(const QByteArray &b, qsizetype i)
{
    return at(b, i) == 0xEF && at(b, i + 1) == 0xBB && at(b, i + 2) == 0xBF;
}

int charWidth(unsigned char c)
{
    if ((c & 0x80) == 0x00)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

enum class Style { Plain, SingleQuoted, DoubleQuoted, Literal };

struct ScalarAnalysis
{
    bool multiline = false;
    bool blockPlainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = true;
};

// yaml_emitter_analyze_scalar of go-yaml v2 (flow context never happens here).
ScalarAnalysis analyze(const QByteArray &value)
{
    ScalarAnalysis a;
    if (value.isEmpty()) {
        a.blockAllowed = false;
        return a;
    }
    bool blockIndicators = false, lineBreaks = false, special = false;
    bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    bool breakSpace = false, spaceBreak = false;
    bool precededByWhitespace = true, previousSpace = false, previousBreak = false;
    if (value.startsWith("---") || value.startsWith("..."))
        blockIndicators = true;
    for (qsizetype i = 0, w = 0; i < value.size(); i += w) {
        w = charWidth(at(value, i));
        const bool followedByWhitespace = i + w >= value.size() || isBlank(value, i + w);
        const char c = value.at(i);
        if (i == 0) {
            switch (c) {
            case '#':
            case ',':
            case '[':
            case ']':
            case '{':
            case '}':
            case '&':
            case '*':
            case '!':
            case '|':
            case '>':
            case '\'':
            case '"':
            case '%':
            case '@':
            case '`':
                blockIndicators = true;
                break;
            case '?':
            case ':':
                if (followedByWhitespace)
                    blockIndicators = true;
                break;
            case '-':
                if (followedByWhitespace)
                    blockIndicators = true;
                break;
            default:
                break;
            }
        } else {
            if (c == ':' && followedByWhitespace)
                blockIndicators = true;
            if (c == '#' && precededByWhitespace)
                blockIndicators = true;
        }
        if (!isPrintable(value, i))
            special = true;
        if (isSpace(value, i)) {
            if (i == 0)
                leadingSpace = true;
            if (i + w == value.size())
                trailingSpace = true;
            if (previousBreak)
                breakSpace = true;
            previousSpace = true;
            previousBreak = false;
        } else if (isBreak(value, i)) {
            lineBreaks = true;
            if (i == 0)
                leadingBreak = true;
            if (i + w == value.size())
                trailingBreak = true;
            if (previousSpace)
                spaceBreak = true;
            previousSpace = false;
            previousBreak = true;
        } else {
            previousSpace = false;
            previousBreak = false;
        }
        precededByWhitespace = isBlankz(value, i);
    }
    a.multiline = lineBreaks;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        a.blockPlainAllowed = false;
    if (trailingSpace)
        a.blockAllowed = false;
    if (breakSpace) {
        a.blockPlainAllowed = false;
        a.singleQuotedAllowed = false;
    }
    if (spaceBreak || special) {
        a.blockPlainAllowed = false;
        a.singleQuotedAllowed = false;
        a.blockAllowed = false;
    }
    if (lineBreaks)
        a.blockPlainAllowed = false;
    if (blockIndicators)
        a.blockPlainAllowed = false;
    return a;
}

int daysIn(int month, int year)
{
    return QDate(year, month, 1).daysInMonth();
}

// go-yaml v2 parseTimestamp: the layouts it tries with time.Parse.
bool isTimestamp(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$)"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return false;
    const int year = m.captured(1).toInt(), month = m.captured(2).toInt(),
              day = m.captured(3).toInt();
    if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year))
        return false;
    if (m.captured(4).isEmpty())
        return true;
    const bool space = m.captured(4) == QLatin1String(" ");
    const QString zone = m.captured(8);
    if (space != zone.isEmpty())
        return false;
    if (m.captured(5).toInt() > 23 || m.captured(6).toInt() > 59 || m.captured(7).toInt() > 59)
        return false;
    if (zone.size() == 6 && (zone.mid(1, 2).toInt() > 24 || zone.mid(4, 2).toInt() > 60))
        return false;
    return true;
}

// strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) would succeed.
bool isGoInteger(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$)"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return false;
    QString digits = m.captured(2);
    int base = 10;
    if (digits.size() > 1 && digits.at(0) == u'0') {
        const QChar p = digits.at(1).toLower();
        if (p == u'x' || p == u'b' || p == u'o') {
            base = p == u'x' ? 16 : p == u'b' ? 2 : 8;
            digits = digits.mid(2);
        } else {
            base = 8;
            digits = digits.mid(1);
        }
    }
    bool ok = false;
    const qulonglong v = digits.isEmpty() ? 0 : digits.toULongLong(&ok, base);
    if (!digits.isEmpty() && !ok)
        return false;
    if (m.captured(1) == QLatin1String("-"))
        return v <= 9223372036854775808ULL;
    return true; // fits int64, or uint64 when unsigned
}

bool isBase60Float(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)"));
    return re.match(s).hasMatch();
}

struct Emitter
{
    QByteArray out;
    int column = 0;
    int indent = -1;
    QList<int> indents;
    bool whitespace = true;
    bool indention = true;
    bool openEnded = false;
    bool mappingContext = false;
    bool simpleKeyContext = false;

    static constexpr int bestIndent = 2;
    static constexpr int bestWidth = 80;

    void put(char c)
    {
        out.append(c);
        ++column;
    }
    void putBreak()
    {
        out.append('\n');
        column = 0;
    }
    // Copies one UTF-8 character; the column counts characters.
    void write(const QByteArray &s, qsizetype &i)
    {
        const int w = charWidth(at(s, i));
        out.append(s.constData() + i, std::min<qsizetype>(w, s.size() - i));
        ++column;
        i += w;
    }
    void writeBreak(const QByteArray &s, qsizetype &i)
    {
        if (s.at(i) == '\n') {
            putBreak();
            ++i;
        } else {
            write(s, i);
            column = 0;
        }
    }
    void increaseIndent(bool flow, bool indentless)
    {
        indents.append(indent);
        if (indent < 0)
            indent = flow ? bestIndent : 0;
        else if (!indentless)
            indent += bestIndent;
    }
    void popIndent() { indent = indents.takeLast(); }
    void writeIndent()
    {
        const int target = std::max(indent, 0);
        if (!indention || column > target || (column == target && !whitespace))
            putBreak();
        while (column < target)
            put(' ');
        whitespace = true;
        indention = true;
    }
    void
    writeIndicator(const char *indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !whitespace)
            put(' ');
        for (const char *p = indicator; *p; ++p)
            put(*p);
        whitespace = isWhitespace;
        indention = indention && isIndention;
        openEnded = false;
    }

    void writePlain(const QByteArray &value, bool allowBreaks)
    {
        if (!whitespace)
            put(' ');
        bool spaces = false;
        for (qsizetype i = 0; i < value.size();) {
            if (isSpace(value, i)) {
                if (allowBreaks && !spaces && column > bestWidth && !isSpace(value, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    write(value, i);
                }
                spaces = true;
            } else {
                write(value, i);
                indention = false;
                spaces = false;
            }
        }
        whitespace = false;
        indention = false;
    }

    void writeSingleQuoted(const QByteArray &value, bool allowBreaks)
    {
        writeIndicator("'", true, false, false);
        bool spaces = false;
        bool breaks = false;
        for (qsizetype i = 0; i < value.size();) {
            if (isSpace(value, i)) {
                if (allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.size() - 1
                    && !isSpace(value, i + 1)) {
                    writeIndent();
                    ++i;
                } else {
                    write(value, i);
                }
                spaces = true;
            } else if (isBreak(value, i)) {
                if (!breaks && value.at(i) == '\n')
                    putBreak();
                writeBreak(value, i);
                indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                if (value.at(i) == '\'')
                    put('\'');
                write(value, i);
                indention = false;
                spaces = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    void writeDoubleQuoted(const QByteArray &value, bool allowBreaks)
    {
        static const char hex[] = "0123456789ABCDEF";
        bool spaces = false;
        writeIndicator("\"", true, false, false);
        for (qsizetype i = 0; i < value.size();) {
            const unsigned char c = at(value, i);
            if (!isPrintable(value, i) || isBom(value, i) || isBreak(value, i) || c == '"'
                || c == '\\') {
                const int w = charWidth(c);
                char32_t v = w == 1 ? (c & 0x7F)
                    : w == 2        ? (c & 0x1F)
                    : w == 3        ? (c & 0x0F)
                                    : (c & 0x07);
                for (int k = 1; k < w; ++k)
                    v = (v << 6) + (at(value, i + k) & 0x3F);
                i += w;
                put('\\');
                switch (v) {
                case 0x00:
                    put('0');
                    break;
                case 0x07:
                    put('a');
                    break;
                case 0x08:
                    put('b');
                    break;
                case 0x09:
                    put('t');
                    break;
                case 0x0A:
                    put('n');
                    break;
                case 0x0B:
                    put('v');
                    break;
                case 0x0C:
                    put('f');
                    break;
                case 0x0D:
                    put('r');
                    break;
                case 0x1B:
                    put('e');
                    break;
                case 0x22:
                    put('"');
                    break;
                case 0x5C:
                    put('\\');
                    break;
                case 0x85:
                    put('N');
                    break;
                case 0xA0:
                    put('_');
                    break;
                case 0x2028:
                    put('L');
                    break;
                case 0x2029:
                    put('P');
                    break;
                default: {
                    int digits;
                    if (v <= 0xFF) {
                        put('x');
                        digits = 2;
                    } else if (v <= 0xFFFF) {
                        put('u');
                        digits = 4;
                    } else {
                        put('U');
                        digits = 8;
                    }
                    for (int k = (digits - 1) * 4; k >= 0; k -= 4)
                        put(hex[(v >> k) & 0x0F]);
                }
                }
                spaces = false;
            } else if (isSpace(value, i)) {
                if (allowBreaks && !spaces && column > bestWidth && i != 0
                    && i != value.size() - 1) {
                    writeIndent();
                    if (isSpace(value, i + 1))
                        put('\\');
                    ++i;
                } else {
                    write(value, i);
                }
                spaces = true;
            } else {
                write(value, i);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    void writeBlockScalarHints(const QByteArray &value)
    {
        if (isSpace(value, 0) || isBreak(value, 0)) {
            const char hint[2] = { char('0' + bestIndent), 0 };
            writeIndicator(hint, false, false, false);
        }
        openEnded = false;
        char chomp = 0;
        if (value.isEmpty()) {
            chomp = '-';
        } else {
            qsizetype i = value.size() - 1;
            while (i > 0 && (at(value, i) & 0xC0) == 0x80)
                --i;
            if (!isBreak(value, i)) {
                chomp = '-';
            } else if (i == 0) {
                chomp = '+';
                openEnded = true;
            } else {
                --i;
                while (i > 0 && (at(value, i) & 0xC0) == 0x80)
                    --i;
                if (isBreak(value, i)) {
                    chomp = '+';
                    openEnded = true;
                }
            }
        }
        if (chomp) {
            const char hint[2] = { chomp, 0 };
            writeIndicator(hint, false, false, false);
        }
    }

    void writeLiteral(const QByteArray &value)
    {
        writeIndicator("|", true, false, false);
        writeBlockScalarHints(value);
        putBreak();
        indention = true;
        whitespace = true;
        bool breaks = true;
        for (qsizetype i = 0; i < value.size();) {
            if (isBreak(value, i)) {
                writeBreak(value, i);
                indention = true;
                breaks = true;
            } else {
                if (breaks)
                    writeIndent();
                write(value, i);
                indention = false;
                breaks = false;
            }
        }
    }

    // A scalar with the style the encoder asks for (go-yaml's encoder.stringv and friends),
    // adjusted by what the emitter allows (yaml_emitter_select_scalar_style).
    void emitScalar(const QByteArray &value, Style requested)
    {
        const ScalarAnalysis a = analyze(value);
        Style style = requested;
        if (simpleKeyContext && a.multiline)
            style = Style::DoubleQuoted;
        if (style == Style::Plain) {
            if (!a.blockPlainAllowed)
                style = Style::SingleQuoted;
            if (value.isEmpty() && simpleKeyContext)
                style = Style::SingleQuoted;
        }
        if (style == Style::SingleQuoted && !a.singleQuotedAllowed)
            style = Style::DoubleQuoted;
        if (style == Style::Literal && (!a.blockAllowed || simpleKeyContext))
            style = Style::DoubleQuoted;

        increaseIndent(true, false);
        switch (style) {
        case Style::Plain:
            writePlain(value, !simpleKeyContext);
            break;
        case Style::SingleQuoted:
            writeSingleQuoted(value, !simpleKeyContext);
            break;
        case Style::DoubleQuoted:
            writeDoubleQuoted(value, !simpleKeyContext);
            break;
        case Style::Literal:
            writeLiteral(value);
            break;
        }
        popIndent();
    }

    void emitString(const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        Style style = Style::DoubleQuoted;
        if (text.contains(u'\n'))
            style = Style::Literal;
        else if (YamlWriter::resolvesToString(text) && !isBase60Float(text))
            style = Style::Plain;
        emitScalar(utf8, style);
    }

    void emitNumber(const QJsonValue &value)
    {
        if (GoFormat::isInteger(value)) {
            emitScalar(QByteArray::number(value.toInteger()), Style::Plain);
            return;
        }
        // kubectl marshals to JSON first and go-yaml reads that text back: 2.0 becomes the
        // integer 2, 1e-9 a float written with strconv's 'g' format.
        const QByteArray json = GoFormat::formatJsonFloat(value.toDouble());
        bool ok = false;
        const qlonglong asInt = json.toLongLong(&ok);
        if (ok) {
            emitScalar(QByteArray::number(asInt), Style::Plain);
            return;
        }
        const qulonglong asUInt = json.toULongLong(&ok);
        if (ok) {
            emitScalar(QByteArray::number(asUInt), Style::Plain);
            return;
        }
        QByteArray text = GoFormat::formatFloatG(json.toDouble());
        if (text == "+Inf")
            text = ".inf";
        else if (text == "-Inf")
            text = "-.inf";
        else if (text == "NaN")
            text = ".nan";
        emitScalar(text, Style::Plain);
    }

    // yaml_emitter_check_simple_key for scalar keys.
    static bool isSimpleKey(const QString &key)
    {
        const QByteArray utf8 = key.toUtf8();
        return utf8.size() <= 128 && !analyze(utf8).multiline;
    }

    void emitNode(const QJsonValue &value, bool mapping, bool simpleKey)
    {
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            emitScalar("null", Style::Plain);
            return;
        case QJsonValue::Bool:
            emitScalar(value.toBool() ? "true" : "false", Style::Plain);
            return;
        case QJsonValue::Double:
            emitNumber(value);
            return;
        case QJsonValue::String:
            emitString(value.toString());
            return;
        case QJsonValue::Array:
            emitSequence(value.toArray());
            return;
        case QJsonValue::Object:
            emitMapping(value.toObject());
            return;
        }
    }

    void emitSequence(const QJsonArray &array)
    {
        if (array.isEmpty()) {
            writeIndicator("[", true, true, false);
            increaseIndent(true, false);
            popIndent();
            writeIndicator("]", false, false, false);
            return;
        }
        increaseIndent(false, mappingContext && !indention);
        for (const QJsonValue &item : array) {
            writeIndent();
            writeIndicator("-", true, false, true);
            emitNode(item, false, false);
        }
        popIndent();
    }

    void emitMapping(const QJsonObject &object)
    {
        if (object.isEmpty()) {
            writeIndicator("{", true, true, false);
            increaseIndent(true, false);
            popIndent();
            writeIndicator("}", false, false, false);
            return;
        }
        QStringList keys = object.keys();
        std::sort(keys.begin(), keys.end(), &YamlWriter::keyLess);
        increaseIndent(false, false);
        for (const QString &key : std::as_const(keys)) {
            writeIndent();
            if (isSimpleKey(key)) {
                emitNode(QJsonValue(key), true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                emitNode(QJsonValue(key), true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            emitNode(object.value(key), true, false);
        }
        popIndent();
    }
};

} // namespace

bool YamlWriter::keyLess(const QString &a, const QString &b)
{
    const QList<uint> ar = a.toUcs4();
    const QList<uint> br = b.toUcs4();
    const auto isLetter = [](uint r) { return QChar::isLetter(char32_t(r)); };
    const auto isDigit = [](uint r) { return QChar::isDigit(char32_t(r)); };
    for (qsizetype i = 0; i < ar.size() && i < br.size(); ++i) {
        if (ar.at(i) == br.at(i))
            continue;
        const bool al = isLetter(ar.at(i));
        const bool bl = isLetter(br.at(i));
        if (al && bl)
            return ar.at(i) < br.at(i);
        if (al || bl)
            return bl;
        // Runs of digits compare by value; a leading zero run counts as part of the number
        // only after a non-zero digit (go-yaml's keyList.Less).
        qint64 an = 0, bn = 0;
        if (ar.at(i) == '0' || br.at(i) == '0') {
            for (qsizetype j = i - 1; j >= 0 && isDigit(ar.at(j)); --j) {
                if (ar.at(j) != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        // Go's int64 arithmetic wraps on long digit runs; so does this (unsigned, then cast),
        // which keeps go-yaml's order and is not undefined behaviour (fuzz_yamlwriter found it).
        const auto accumulate = [](qint64 n, uint r) {
            return qint64(quint64(n) * 10u + quint64(qint64(r) - qint64('0')));
        };
        qsizetype ai = i, bi = i;
        for (; ai < ar.size() && isDigit(ar.at(ai)); ++ai)
            an = accumulate(an, ar.at(ai));
        for (; bi < br.size() && isDigit(br.at(bi)); ++bi)
            bn = accumulate(bn, br.at(bi));
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return ar.at(i) < br.at(i);
    }
    return ar.size() < br.size();
}

bool YamlWriter::resolvesToString(const QString &s)
{
    if (s.isEmpty())
        return false;
    static const QHash<QString, bool> special = [] {
        QHash<QString, bool> h;
        for (const char *w : { "y",     "Y",     "yes",   "Yes",   "YES",   "true",  "True", "TRUE",
                               "on",    "On",    "ON",    "n",     "N",     "no",    "No",   "NO",
                               "false", "False", "FALSE", "off",   "Off",   "OFF",   "~",    "null",
                               "Null",  "NULL",  ".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf", ".INF",
                               "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<" })
            h.insert(QString::fromLatin1(w), true);
        return h;
    }();
    const QChar first = s.at(0);
    char hint = 0;
    if (first == u'+' || first == u'-')
        hint = 'S';
    else if (first >= u'0' && first <= u'9')
        hint = 'D';
    else if (QStringLiteral("yYnNtTfFoO~").contains(first))
        hint = 'M';
    else if (first == u'.')
        hint = '.';
    if (hint == 0)
        return true;
    if (special.contains(s))
        return false;
    static const QRegularExpression goFloat(QStringLiteral(
        R"(^[+-]?(?:(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])$)"));
    static const QRegularExpression yamlFloat(
        QStringLiteral(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)"));
    switch (hint) {
    case 'M':
        return true;
    case '.':
        return !goFloat.match(s).hasMatch();
    case 'D':
    case 'S': {
        if (hint == 'D' && isTimestamp(s))
            return false;
        QString plain = s;
        plain.remove(u'_');
        if (isGoInteger(plain))
            return false;
        if (yamlFloat.match(plain).hasMatch())
            return false;
        return true;
    }
    }
    return true;
}

QByteArray YamlWriter::print(const QJsonValue &value)
{
    Emitter e;
    e.emitNode(value, false, false);
    // Document end: finish the last line.
    e.writeIndent();
    if (e.openEnded) {
        e.writeIndicator("...", true, false, false);
        e.writeIndent();
    }
    return e.out;
}

} // namespace kube
