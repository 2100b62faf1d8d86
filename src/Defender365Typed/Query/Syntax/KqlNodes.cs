using System;
using System.Collections.Generic;

namespace Defender365Typed.Syntax;

/// <summary>Small factories shared by the typed scalars, so each operator is one line there.</summary>
internal static class KqlNodes
{
    public static readonly KqlNode True = new KqlTextNode("true");
    public static readonly KqlNode False = new KqlTextNode("false");

    /// <summary><c>left op right</c>; the node derives its precedence from <paramref name="op"/>.</summary>
    public static KqlNode Binary(KqlNode left, string op, KqlNode right) => new KqlBinaryNode(left, op, right);

    public static KqlNode Call(string function, KqlNode argument) => new KqlCallNode(function, argument);

    public static KqlNode Call(string function, KqlNode first, KqlNode second) => new KqlCallNode(function, first, second);

    /// <summary><c>value op (literal, literal, ...)</c> for <c>in</c>, <c>has_any</c> and friends.</summary>
    public static KqlNode InList<T>(KqlNode value, string op, IReadOnlyList<T> items, Func<T, string> literal, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        if (items.Count == 0)
        {
            throw new ArgumentException($"'{op}' needs at least one value.", parameterName);
        }

        var nodes = new KqlNode[items.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new KqlTextNode(literal(items[i]));
        }

        return Binary(value, op, new KqlListNode(nodes));
    }

    public static KqlNode InList(KqlNode value, string op, KqlNode[] items, string parameterName)
    {
        if (items.Length == 0)
        {
            throw new ArgumentException($"'{op}' needs at least one value.", parameterName);
        }

        return Binary(value, op, new KqlListNode(items));
    }
}
