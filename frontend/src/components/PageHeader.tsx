import type {ReactNode} from 'react';

/** PageHeaderProps are the props of PageHeader. */
export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
}

/** PageHeader is a view's h1 and a sentence about what the view is for. */
export function PageHeader({title, description}: PageHeaderProps) {
  return (
    <div className="page-header">
      <h1 className="page-header__title" data-testid="view-heading">
        {title}
      </h1>
      {description ? <p className="page-header__description">{description}</p> : null}
    </div>
  );
}
