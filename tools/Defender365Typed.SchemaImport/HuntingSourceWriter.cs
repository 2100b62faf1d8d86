using System;
using System.Collections.Generic;
using System.Text;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.SchemaImport;

/// <summary>Renders <c>Hunting.cs</c>: one typed query root per table and the list of table names.</summary>
public static class HuntingSourceWriter
{
    /// <summary>Renders the <c>Hunting</c> class for <paramref name="tables"/> (validated: descriptions are present), in the given (schema) order.</summary>
    public static string Write(IReadOnlyList<HuntingSchemaTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);

        var sb = new StringBuilder(32768);
        sb.Append(TableSourceWriter.Header);
        TableSourceWriter.Line(sb);
        TableSourceWriter.Line(sb, "namespace Defender365Typed;");
        TableSourceWriter.Line(sb);
        TableSourceWriter.Line(sb, "/// <summary>Typed query roots for every documented advanced hunting table.</summary>");
        TableSourceWriter.Line(sb, "public static partial class Hunting");
        TableSourceWriter.Line(sb, "{");

        foreach (HuntingSchemaTable table in tables)
        {
            string name = CSharpText.Identifier(table.Name);
            string type = "global::" + TableSourceWriter.TablesNamespace + "." + name;
            TableSourceWriter.Line(sb, "    /// <summary>" + CSharpText.XmlDocText(table.Description!) + "</summary>");
            TableSourceWriter.Line(
                sb,
                "    public static global::Defender365Typed.KqlQuery<" + type + ", " + type + ".Columns> " + name +
                " => " + type + ".Table;");
            TableSourceWriter.Line(sb);
        }

        TableSourceWriter.Line(sb, "    /// <summary>The names of all built-in tables, in schema order.</summary>");
        TableSourceWriter.Line(
            sb,
            "    public static global::System.Collections.Generic.IReadOnlyList<string> TableNames { get; } = new string[]");
        TableSourceWriter.Line(sb, "    {");
        foreach (HuntingSchemaTable table in tables)
        {
            TableSourceWriter.Line(sb, "        " + CSharpText.StringLiteral(table.Name) + ",");
        }

        TableSourceWriter.Line(sb, "    };");
        TableSourceWriter.Line(sb, "}");
        return sb.ToString();
    }
}
