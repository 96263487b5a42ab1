// A column of a BigQuery query result as the jobs API describes it.

export interface SchemaField {
  name: string;
  type: 'DATE' | 'STRING' | 'FLOAT' | 'BOOLEAN';
  mode: 'NULLABLE';
}
