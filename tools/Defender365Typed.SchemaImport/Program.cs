// Placeholder: replaced by the schema import tool.
return 0;
