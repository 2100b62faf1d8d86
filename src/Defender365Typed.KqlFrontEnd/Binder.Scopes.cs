using System;
using System.Collections.Generic;
using System.Globalization;

namespace Defender365Typed.KqlFrontEnd;

// Binder: scopes, symbols and the values expressions bind to.
public sealed partial class Binder
{
    private enum SymbolKind : byte
    {
        Scalar,
        Tabular,
        Function,
    }

    private sealed class Symbol
    {
        public SymbolKind Kind;
        public KqlScalarType Type;
        public RowShape? Shape;
        public int MinArgs;
        public int MaxArgs;
    }

    private sealed class Scope
    {
        private readonly Scope? _parent;
        private Dictionary<string, Symbol>? _symbols;

        public Scope(Scope? parent) => _parent = parent;

        public void Define(string name, Symbol symbol)
        {
            _symbols ??= new Dictionary<string, Symbol>(StringComparer.Ordinal);
            _symbols[name] = symbol;
        }

        public Symbol? Lookup(string name)
        {
            for (var s = this; s != null; s = s._parent)
            {
                if (s._symbols != null && s._symbols.TryGetValue(name, out var symbol))
                {
                    return symbol;
                }
            }

            return null;
        }

        public IEnumerable<string> Names()
        {
            for (var s = this; s != null; s = s._parent)
            {
                if (s._symbols != null)
                {
                    foreach (var k in s._symbols.Keys)
                    {
                        yield return k;
                    }
                }
            }
        }
    }

    /// <summary>The result of binding an expression: a scalar type or a tabular shape.</summary>
    private readonly struct Value
    {
        public static readonly Value Unknown = new Value(KqlScalarType.Unknown, null);

        public Value(KqlScalarType type, RowShape? shape)
        {
            Type = type;
            Shape = shape;
        }

        public KqlScalarType Type { get; }

        public RowShape? Shape { get; }

        public static Value Scalar(KqlScalarType type) => new Value(type, null);

        public static Value Table(RowShape shape) => new Value(KqlScalarType.Unknown, shape);
    }

    /// <summary>Where names are resolved: the row in scope (if any), join sides, and let symbols.</summary>
    private sealed class Context
    {
        public Context(Scope scope, RowShape? row)
        {
            Scope = scope;
            Row = row;
        }

        public Scope Scope { get; }

        public RowShape? Row { get; }

        public RowShape? Left { get; set; }

        public RowShape? Right { get; set; }

        public Context WithRow(RowShape? row) => new Context(Scope, row);
    }
}
