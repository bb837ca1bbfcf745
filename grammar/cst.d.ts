import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface LineCstNode extends CstNode {
  name: "line";
  children: LineCstChildren;
}

export type LineCstChildren = {
  Comment?: IToken[];
  tableHeader?: TableHeaderCstNode[];
  chainDecl?: ChainDeclCstNode[];
  commit?: CommitCstNode[];
  command?: CommandCstNode[];
};

export interface TableHeaderCstNode extends CstNode {
  name: "tableHeader";
  children: TableHeaderCstChildren;
}

export type TableHeaderCstChildren = {
  TableHeader: IToken[];
  extra?: IToken[];
};

export interface ChainDeclCstNode extends CstNode {
  name: "chainDecl";
  children: ChainDeclCstChildren;
}

export type ChainDeclCstChildren = {
  ChainDecl: IToken[];
  policy?: IToken[];
  counters?: IToken[];
  extra?: IToken[];
};

export interface CommitCstNode extends CstNode {
  name: "commit";
  children: CommitCstChildren;
}

export type CommitCstChildren = {
  Commit: IToken[];
  extra?: IToken[];
};

export interface CommandCstNode extends CstNode {
  name: "command";
  children: CommandCstChildren;
}

export type CommandCstChildren = {
  Counters?: IToken[];
  args: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  line(children: LineCstChildren, param?: IN): OUT;
  tableHeader(children: TableHeaderCstChildren, param?: IN): OUT;
  chainDecl(children: ChainDeclCstChildren, param?: IN): OUT;
  commit(children: CommitCstChildren, param?: IN): OUT;
  command(children: CommandCstChildren, param?: IN): OUT;
}
